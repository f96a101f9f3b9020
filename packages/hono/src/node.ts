/**
 * Node-only additions to `@ssekit/hono`: `directWrite()`, which writes ssekit streams straight
 * to the `ServerResponse` under `@hono/node-server`.
 *
 * @module
 */
export { directWrite } from './direct-write.ts'
