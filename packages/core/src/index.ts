/**
 * Server-Sent Events as a plain web `Response`, on Cloudflare Workers, Deno, Bun and Node.
 * Zero dependencies, web-standard APIs only. Channel backends (Redis, Durable Objects) build on
 * `@ssekit/core/backend`.
 *
 * @module
 */

export { type Channel, type ChannelStats, createChannel } from './channel/channel.ts'
export { GAP_EVENT, type IdGenerator, timeOrderedIds } from './channel/event-id.ts'
export type {
  ChannelOptions,
  PublishOptions,
  SlowConsumerPolicy,
  SubscribeOptions,
  SubscriberDefaults,
} from './channel/options.ts'
export {
  type ReplayBatch,
  type ReplayStore,
  RingBufferStore,
  type RingBufferStoreOptions,
  type StoredEvent,
  TtlStore,
  type TtlStoreOptions,
} from './channel/stores.ts'
export { type EncodeOptions, encode, SSEEncoderStream } from './encode.ts'
export { type LastEventIdOptions, lastEventId } from './last-event-id.ts'
export { SSE_HEADERS, type SSEResponseOptions, sseResponse } from './response.ts'
export type { SSESink } from './sink.ts'
export type { ErrorHandler, SSESource } from './source.ts'
export { type SSEStreamOptions, sseStream } from './stream.ts'
export type {
  ClientStreamOptions,
  CloseReason,
  EventMap,
  MessageFields,
  Serializer,
  SSEMessage,
} from './types.ts'
