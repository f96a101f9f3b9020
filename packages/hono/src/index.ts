/**
 * Server-Sent Events for Hono routes: `return sse(c, source)` answers with a streaming `Response`
 * that stops its source when the client leaves, and `return subscribe(c, channel)` with a
 * channel's stream.
 *
 * @module
 */
export { type SSEOptions, sse } from './sse.ts'
export { type Subscribable, subscribe } from './subscribe.ts'
