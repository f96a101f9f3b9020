/**
 * For channel backends: the pieces a channel whose log and live feed live elsewhere (Redis
 * Streams, a Durable Object) builds on, so its subscribers behave exactly as the in-memory
 * channel's do: replay with no gap and no repeat, the gap event, slow-consumer policies,
 * heartbeats, and nothing left behind when a client leaves. `@ssekit/channel/contract` then
 * proves that a backend keeps the `Channel` contract.
 *
 * @module
 */

export { compareTimeOrderedIds } from './event-id.ts'
export { FanOut, type FanOutOptions } from './fan-out.ts'
export { encodeGap } from './gap.ts'
export { DEFAULT_TOPIC } from './options.ts'
export { checkPublish } from './publish-checks.ts'
export type { ReplaySource } from './replay.ts'
export { subscribeHolding } from './subscribe-holding.ts'
export { subscribedTopics } from './subscriber-settings.ts'
