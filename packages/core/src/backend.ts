/**
 * For channel backends: the pieces a channel whose log and live feed live elsewhere (Redis
 * Streams, a Durable Object) builds on, so its subscribers behave exactly as the in-memory
 * channel's do: replay with no gap and no repeat, the gap event, slow-consumer policies,
 * heartbeats, and nothing left behind when a client leaves.
 *
 * @module
 */

export { compareTimeOrderedIds, encodeGap } from './channel/event-id.ts'
export { FanOut, type FanOutOptions } from './channel/fan-out.ts'
export { DEFAULT_TOPIC } from './channel/options.ts'
export type { ReplaySource } from './channel/replay.ts'
export type { ReplayBatch, StoredEvent } from './channel/stores.ts'
