/**
 * Server-Sent Events as a plain web `Response`, on Cloudflare Workers, Deno, Bun and Node.
 * Zero dependencies, web-standard APIs only.
 *
 * @module
 */
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
