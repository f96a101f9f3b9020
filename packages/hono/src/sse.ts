import { type EventMap, type SSEResponseOptions, type SSESource, sseResponse } from '@ssekit/core'
import type { Context } from 'hono'
import { nodeResponse, writeToNode } from './node-env.ts'

/**
 * Options for {@link sse}: those of `sseResponse`; `signal` is combined with the request's.
 *
 * @example A retry hint and a custom header
 * ```ts
 * import { Hono } from 'hono'
 * import { sse, type SSEOptions } from '@ssekit/hono'
 * const options: SSEOptions = { retry: 5_000, headers: { 'access-control-allow-origin': '*' } }
 * const app = new Hono().get('/events', (c) => sse(c, (sink) => sink.close(), options))
 * return app.fetch(request)
 * ```
 */
export type SSEOptions<M extends EventMap = EventMap> = SSEResponseOptions<M>

/**
 * Answers a Hono route with an event stream. The source stops as soon as the client leaves: the
 * request's abort signal is wired in, together with any `signal` you pass (under
 * `@hono/node-server`, whose adapter cancels the body as soon as the socket closes, that cancel
 * does it).
 *
 * Under `@hono/node-server` the stream is written to Node's `ServerResponse` directly, skipping
 * the adapter's `ReadableStream` → socket pump (the head and the end still go through the
 * adapter); on every other server and runtime it is a plain web stream.
 *
 * The response carries `cache-control: no-cache, no-transform`, which Hono's `compress()` (and
 * any proxy that honours it) leaves alone, so events are never gzip-buffered. It sets neither
 * `Transfer-Encoding` nor `Connection`: the runtime frames the body itself. Headers set earlier
 * with `c.header()` are kept; the event-stream headers win over them. A `HEAD` request gets the
 * headers alone, and the source never runs.
 *
 * @param c The route's context.
 * @param source An async iterable of messages, or a callback that writes to a sink.
 * @param options Heartbeat, `retry`, buffer size, hooks, status and extra headers.
 * @returns A streaming `Response` to return from the handler.
 *
 * @example The time every second, typed
 * ```ts
 * import { Hono } from 'hono'
 * import { sse } from '@ssekit/hono'
 *
 * type Events = { tick: { at: string } }
 * const app = new Hono()
 * app.get('/time', (c) =>
 *   sse<Events>(c, async (sink) => {
 *     while (await sink.send({ event: 'tick', data: { at: new Date().toISOString() } })) {
 *       await new Promise((resolve) => setTimeout(resolve, 1000))
 *     }
 *   }),
 * )
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
export function sse<M extends EventMap = EventMap>(
  c: Context,
  source: SSESource<M>,
  options: SSEOptions<M> = {},
): Response {
  // `@hono/node-server` cancels the body the moment the socket closes, which ends the stream as the
  // request's signal would, and its request makes an AbortController on the first read of
  // `signal`: there the signal is left alone, one allocation less for every idle stream.
  const request = nodeResponse(c) === undefined ? c.req.raw.signal : undefined
  // Hono answers HEAD by running the GET route and dropping the body unread, so the stream would
  // never learn that nobody reads it. Start it closed: the source never runs, onClose runs once.
  const signal =
    c.req.method === 'HEAD'
      ? AbortSignal.abort()
      : options.signal && request
        ? AbortSignal.any([request, options.signal])
        : (options.signal ?? request)
  // The caller's options as they are when the signal is theirs: one object less per stream.
  const response = sseResponse(source, signal === options.signal ? options : { ...options, signal })
  // Under @hono/node-server the bytes go to Node's ServerResponse itself (node-env.ts).
  // Through `c.body()`, headers that middleware set with `c.header()` reach the client too.
  // sseResponse() always has a body.
  const body = response.body as ReadableStream<Uint8Array>
  return c.body(writeToNode(c, body) ?? body, response)
}
