/**
 * Server-Sent Events as a plain web `Response`, on Cloudflare Workers, Deno, Bun and Node.
 * Zero dependencies, web-standard APIs only.
 *
 * @module
 */

export {
  type Channel,
  type ChannelStats,
  createChannel,
} from './channel/channel.ts'
export { type IdGenerator, timeOrderedIds } from './channel/event-id.ts'
export { GAP_EVENT } from './channel/gap.ts'
export type {
  ChannelOptions,
  PublishOptions,
  SlowConsumerPolicy,
  SubscribeOptions,
  SubscriberDefaults,
} from './channel/options.ts'
export type { ReplayBatch, ReplayStore, StoredEvent } from './channel/replay-store.ts'
export { RingBufferStore, type RingBufferStoreOptions } from './channel/ring-buffer-store.ts'
export { TtlStore, type TtlStoreOptions } from './channel/ttl-store.ts'
export type { ConnectionOptions } from './connection.ts'
export { type EncodeOptions, encode } from './encode.ts'
export { SSEEncoderStream } from './encoder-stream.ts'
export { SSE_HEADERS } from './headers.ts'
export { type LastEventIdOptions, lastEventId } from './last-event-id.ts'
export { type SSEResponseOptions, sseResponse } from './response.ts'
export type { SSESink } from './sink.ts'
export type { ErrorHandler, SSESource } from './source.ts'
export { type SSEStreamOptions, sseStream } from './stream.ts'
export type { CloseReason, EventMap, MessageFields, Serializer, SSEMessage } from './types.ts'
