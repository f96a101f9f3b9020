import type { MiddlewareHandler } from 'hono'
import { nodeResponse, writesToNode, writeToNode } from './node-env.ts'

/**
 * The Node fast path for event streams that a route returns as they are (`sseResponse()`, or
 * `channel.subscribe(c.req.raw)` without {@link subscribe}): under `@hono/node-server` each chunk
 * goes straight to Node's `ServerResponse` with `res.write()`, instead of through a
 * `ReadableStream` that the adapter reads chunk by chunk. `sse()` and `subscribe()` from
 * `@ssekit/hono` take this path by themselves; this middleware is for the rest. With small events to thousands of clients that pump costs more CPU
 * than the rest of a fan-out; writing directly brings a channel close to a hand-written
 * `node:http` broadcast. Everything else stays as it was: the adapter still writes the status and
 * headers and ends the response, backpressure still holds, and `onClose('client')` still runs when
 * the client leaves. Where the adapter reads the body before it writes the head (`serve()` with
 * `overrideGlobalObjects: false`), the stream stays a plain one, so the head always goes first.
 *
 * It acts only on an ssekit event stream (`sse()`, `sseResponse()`, `channel.subscribe()`) that
 * no one has read yet, on Node under `@hono/node-server` (which passes the `ServerResponse` as
 * `c.env.outgoing`). Any other response, runtime or server passes through untouched, so the same
 * app still runs on Workers, Deno and Bun.
 *
 * @returns A middleware; put it on the event-stream routes, or on the whole app.
 *
 * @example A channel on Node, written to the sockets directly
 * ```ts
 * import { createChannel } from '@ssekit/channel'
 * import { Hono } from 'hono'
 * import { directWrite } from '@ssekit/hono/node'
 *
 * const channel = createChannel()
 * const app = new Hono()
 *   .use('/events', directWrite())
 *   .get('/events', (c) => channel.subscribe(c.req.raw))
 * // serve({ fetch: app.fetch }) from '@hono/node-server'
 * return app.fetch(request)
 * ```
 * @see https://nodejs.org/api/http.html#responsewritechunk-encoding-callback
 */
export function directWrite(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (nodeResponse(c) === undefined || writesToNode(c)) return
    const response = c.res
    const type = response.headers.get('content-type') ?? ''
    if (!type.startsWith('text/event-stream')) return
    const relay = writeToNode(c, response.body)
    if (relay === undefined) return
    const { status, headers } = response
    // Unset first: assigning over a response would merge the old one's headers in again.
    c.res = undefined
    c.res = new Response(relay, { status, headers })
  }
}
