/**
 * The one event-stream reader every package's tests use, with the leak tracker and turn helpers, on
 * web APIs alone (no `node:` import),
 * so it runs under vitest, `bun test`, `deno test` and inside workerd.
 *
 * @module
 */
export type { EventSourceMessage } from 'eventsource-parser'

export {
  EventStreamReader,
  type ParsedEventStream,
  parseEventStream,
  type ReadEventStreamOptions,
  readEventStream,
  readEvents,
} from './event-stream.ts'
export {
  type EventStreamClient,
  type OpenEventStreamOptions,
  openEventStream,
} from './event-stream-client.ts'
export { type LeakTracker, trackLeaks } from './leak-tracker.ts'
export { settleTurns, sleep } from './turns.ts'
