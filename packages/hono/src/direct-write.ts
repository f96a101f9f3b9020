import { DIRECT_WRITE, type DirectWriter } from '@ssekit/core/backend'
import type { MiddlewareHandler } from 'hono'
import { nodeResponse } from './node-env.ts'

type TakeOver = (writer: DirectWriter) => ReadableStream<Uint8Array> | undefined

/**
 * An opt-in fast path for ssekit streams served by `@hono/node-server`: each chunk goes straight
 * to Node's `ServerResponse` with `res.write()`, instead of through a `ReadableStream` that the
 * adapter reads chunk by chunk. With small events to thousands of clients that pump costs more CPU
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
    const outgoing = nodeResponse(c)
    if (outgoing === undefined || c.req.method === 'HEAD') return
    const response = c.res
    const type = response.headers.get('content-type') ?? ''
    if (!type.startsWith('text/event-stream')) return
    const body = response.body as
      | (ReadableStream<Uint8Array> & { [DIRECT_WRITE]?: TakeOver })
      | null
    if (typeof body?.[DIRECT_WRITE] !== 'function') return
    // A method of the body: the core finds its stream through `this`.
    const relay = body[DIRECT_WRITE]({
      write: (chunk) => outgoing.write(chunk),
      onDrain: (resume) => void outgoing.on('drain', resume),
      // Without `overrideGlobalObjects` the adapter reads the body before it writes the head;
      // the core then keeps the plain stream for this response.
      headersSent: () => outgoing.headersSent,
    })
    if (relay === undefined) return
    const { status, headers } = response
    // Unset first: assigning over a response would merge the old one's headers in again.
    c.res = undefined
    c.res = new Response(relay, { status, headers })
  }
}
