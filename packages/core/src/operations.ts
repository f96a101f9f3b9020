/**
 * Running ssekit in production: a graceful drain for deploys (`SIGTERM` ends every stream with
 * a spread `retry:` hint instead of cutting it) and the logger that ssekit's few structured log
 * lines go through. Metrics and traces are `@ssekit/otel`.
 *
 * @module
 */

export {
  createDrain,
  type Drain,
  type DrainOptions,
  type DrainReport,
} from './drain.ts'
export { type Logger, type LogRecord, setLogger } from './log.ts'
