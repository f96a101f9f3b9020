/**
 * Server-Sent Events for Hono routes: `return sse(c, source)` answers with a streaming `Response`
 * that stops its source when the client leaves.
 *
 * @module
 */
export { type SSEOptions, sse } from './sse.ts'
