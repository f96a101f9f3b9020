import type { Instrumentation } from '../instrumentation.ts'
import type { Logger } from '../log.ts'
import type { Connection } from './connection.ts'

/** What a drain needs to hear of every stream (see drain.ts). */
export interface StreamTracker {
  /** A stream opened; a draining tracker ends it at once. */
  opened(connection: Connection): void
  /** A stream closed, for any reason. */
  closed(connection: Connection): void
  /** While draining: the `Retry-After` seconds for a refused subscriber; otherwise undefined. */
  refusal(): number | undefined
}

/**
 * What observes the streams of this process: metrics and traces, a drain, a logger. Each slot is
 * `undefined` until something fills it, so a hot path pays one property read and one test when
 * nothing is registered.
 */
export interface Hooks {
  instrumentation: Instrumentation | undefined
  streams: StreamTracker | undefined
  logger: Logger | undefined
}

// `Symbol.for`, on the global object: every copy of the core in a process (two versions
// installed side by side, a bundle and node_modules) sees one set of hooks.
const KEY = Symbol.for('ssekit.hooks')
const global = globalThis as typeof globalThis & { [KEY]?: Hooks }

global[KEY] ??= { instrumentation: undefined, streams: undefined, logger: undefined }

/** The process's hooks, shared by every copy of the core. */
export const hooks: Hooks = global[KEY]
