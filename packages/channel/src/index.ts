/**
 * Channels for ssekit: one event feed to many clients, with replay for those that reconnect.
 * {@link Channel} is one contract for every backend: the in-memory {@link createChannel} here,
 * `@ssekit/redis` across processes, `@ssekit/cloudflare` across Workers isolates.
 *
 * @module
 */

export type { Channel, ChannelMessage, ChannelStats } from './channel.ts'
export { ChannelUnavailableError } from './errors.ts'
export { type IdGenerator, timeOrderedIds } from './event-id.ts'
export { GAP_EVENT } from './gap.ts'
export { createChannel } from './memory-channel.ts'
export type {
  ChannelOptions,
  PublishOptions,
  SlowConsumerPolicy,
  SubscribeOptions,
  SubscriberDefaults,
} from './options.ts'
export type { ReplayBatch, ReplayStore, StoredEvent } from './stores/replay-store.ts'
export { RingBufferStore, type RingBufferStoreOptions } from './stores/ring-buffer-store.ts'
export { TtlStore, type TtlStoreOptions } from './stores/ttl-store.ts'
