import type { CloseReason } from '../types.ts'
import type { Instrumentation } from './instrumentation-types.ts'
import type { Logger } from './log-record.ts'

/**
 * What a drain does with a stream: a connection, named by its shape here so that the hooks
 * every connection reads do not import the connection (not even its type).
 */
export interface TrackedStream {
  /** Queues bytes that go out once the current turn's writes have. */
  writeAtTurnEnd(piece: string | Uint8Array): boolean
  /** Ends the stream. */
  close(reason: CloseReason): void
}

/** What a drain needs to hear of every stream (see drain.ts). */
export interface StreamTracker {
  /** A stream opened; a draining tracker ends it at once. */
  opened(stream: TrackedStream): void
  /** A stream closed, for any reason. */
  closed(stream: TrackedStream): void
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
