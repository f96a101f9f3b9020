/**
 * For packages that build on the stream machinery rather than on a whole stream: a channel that
 * writes one encoded event to thousands of clients (`@ssekit/channel`), and a server integration
 * that writes a stream to its socket itself (`@ssekit/hono/node`). Applications need only the
 * main entry. Metrics and traces plug in here too (`setInstrumentation`, as `@ssekit/otel` does),
 * and backends log through `logEvent`.
 *
 * @module
 */

export { refuseWhileDraining } from './drain.ts'
export {
  type DeliveredEvent,
  type Instrumentation,
  instrumentation,
  type PublishScope,
  type ReplayScope,
  setInstrumentation,
} from './instrumentation.ts'
export { abortableSleep } from './internal/abortable-sleep.ts'
export { Connection } from './internal/connection.ts'
export { DIRECT_WRITE, type DirectWriter } from './internal/direct-write.ts'
export { sseHeaders } from './internal/headers.ts'
export { requestedLastEventId } from './internal/requested-id.ts'
export {
  checkHeartbeat,
  checkRetryOption,
  DEFAULT_HIGH_WATER_MARK,
} from './internal/stream-options.ts'
export { errorMessage, logEvent } from './log.ts'
