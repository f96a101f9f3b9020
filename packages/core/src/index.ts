/**
 * Server-Sent Events as a plain web `Response`, on Cloudflare Workers, Deno, Bun and Node:
 * the encoder, the stream and the response. Zero dependencies, web-standard APIs only. Channels
 * (one event to many clients, with replay) are `@ssekit/channel`; the graceful drain and the
 * logger are `@ssekit/core/operations`; metrics and traces are `@ssekit/otel`.
 *
 * @module
 */

export { type EncodeOptions, encode, SSEEncoderStream } from './encode.ts'
export { EXPIRED_EVENT } from './expired-event.ts'
export { type LastEventIdOptions, lastEventId } from './last-event-id.ts'
export { SSE_HEADERS, type SSEResponseOptions, sseResponse } from './response.ts'
export type { SSESink } from './sink.ts'
export type { ErrorHandler, SSESource } from './source.ts'
export { type SSEStreamOptions, sseStream } from './stream.ts'
export type {
  CloseReason,
  ConnectionOptions,
  EventMap,
  MessageFields,
  Serializer,
  SSEMessage,
} from './types.ts'
