import type { Context } from 'hono'
import { writeToNode } from './node-env.ts'

/**
 * What {@link subscribe} needs of a channel: `subscribe(request, options)` resolving to the
 * client's event-stream `Response`. Every `Channel` of `@ssekit/channel`, `@ssekit/redis` and
 * `@ssekit/cloudflare` has it.
 *
 * @example Any channel fits
 * ```ts
 * import { createChannel, type SubscribeOptions } from '@ssekit/channel'
 * import type { Subscribable } from '@ssekit/hono'
 * const channel: Subscribable<SubscribeOptions> = createChannel()
 * return channel.subscribe(request, { onClose: (reason) => console.log(reason) })
 * ```
 */
export interface Subscribable<O> {
  subscribe(request: Request, options?: O): Promise<Response>
}

/**
 * Answers a Hono route with a channel's stream for this client: `channel.subscribe(c.req.raw,
 * options)`, sent through `c.body()` so that headers middleware set with `c.header()` reach the
 * client too. Under `@hono/node-server` the stream is written to Node's `ServerResponse`
 * directly, as `sse()` does, which is what lets one process fan an event out to thousands of
 * sockets about as fast as a hand-written `node:http` broadcast; on every other server and
 * runtime it is the channel's web stream as it is.
 *
 * @param c The route's context.
 * @param channel The channel to subscribe to.
 * @param options The channel's subscribe options (`onClose`, `initialEvent`, …).
 * @returns The channel's response, to return from the handler. It rejects as
 *   `channel.subscribe()` does (a backend out of reach: `ChannelUnavailableError`).
 *
 * @example One feed for every client, replaying what a client missed
 * ```ts
 * import { createChannel } from '@ssekit/channel'
 * import { subscribe } from '@ssekit/hono'
 * import { Hono } from 'hono'
 *
 * const feed = createChannel()
 * const app = new Hono()
 *   .get('/events', (c) => subscribe(c, feed))
 *   .post('/events', async (c) => c.json({ id: await feed.publish({ data: await c.req.json() }) }))
 * return app.fetch(request)
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
export async function subscribe<O>(
  c: Context,
  channel: Subscribable<O>,
  options?: O,
): Promise<Response> {
  const response = await channel.subscribe(c.req.raw, options)
  // A closed channel answers 204 without a body.
  if (response.body === null) return c.body(null, response)
  return c.body(writeToNode(c, response.body) ?? response.body, response)
}
