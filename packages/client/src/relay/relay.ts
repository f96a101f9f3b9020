import {
  type EventMap,
  EXPIRED_EVENT,
  type SSEMessage,
  type SSEResponseOptions,
  type SSESink,
  sseResponse,
} from '@ssekit/core'
import { EventStreamImpl } from '../event-stream.ts'
import { RequestFactory } from '../request.ts'
import { checkResponse } from '../response-check.ts'
import { settingsOf } from '../settings.ts'
import type { ServerEvent } from '../types.ts'

/**
 * Turns one upstream event into the message our clients get, or `undefined` (or `null`) to drop
 * it: a map and a filter in one.
 *
 * @example Keep prices, rename the event, drop the rest
 * ```ts
 * import type { ServerEvent } from '@ssekit/client'
 * import type { RelayTransform } from '@ssekit/client/relay'
 * const transform: RelayTransform<ServerEvent> = (e) =>
 *   e.event === 'price' ? { event: 'quote', data: e.data, id: e.id } : undefined
 * ```
 */
export type RelayTransform<E, M extends EventMap = EventMap> = (
  event: E,
) => SSEMessage<M> | undefined | null | PromiseLike<SSEMessage<M> | undefined | null>

/**
 * Options for {@link relay}: those of `sseResponse` from `@ssekit/core` (pass
 * `signal: request.signal`), plus a per-event transform.
 *
 * @example Heartbeats every 10 s and only the events named `price`
 * ```ts
 * import { events } from '@ssekit/client'
 * import { relay, type RelayOptions } from '@ssekit/client/relay'
 * const options: RelayOptions = {
 *   signal: request.signal,
 *   heartbeat: 10_000,
 *   transform: (e) => (e.event === 'price' ? { event: 'price', data: e.data } : undefined),
 * }
 * return relay(events('https://example.com/prices', { signal: request.signal }), options)
 * ```
 */
export interface RelayOptions<E = ServerEvent<string, unknown>, M extends EventMap = EventMap>
  extends SSEResponseOptions<M> {
  /**
   * Maps or drops each event. By default every event is passed on with its name (none for
   * `message`), its data, and its `id` whenever the ID in effect changed.
   */
  transform?: RelayTransform<E, M> | undefined
  /**
   * When the upstream, an `events()` iterator, ends its stream with the `ssekit-expired` event,
   * pass that on instead of reconnecting upstream: our stream ends with the same event and
   * `retry: 0`, so our client comes back at once with fresh credentials. Turn it on when the
   * upstream request carries our client's credentials; leave it off when they are yours
   * (`events()` then reconnects upstream at once with fresh `headers()`). An upstream `Response`
   * cannot reconnect, so its expiry is always passed on.
   * @defaultValue false
   */
  forwardExpiry?: boolean | undefined
}

/**
 * Streams an upstream event stream to our client as our own `Response`. Every event is parsed
 * and re-encoded by `@ssekit/core`, so an upstream cannot inject fields or events into our
 * stream; our heartbeats, backpressure and `retry:` apply; and when our client leaves, the
 * upstream request is aborted at once.
 *
 * Give it `events(url, { signal: request.signal })` to reconnect upstream on its own, or an
 * upstream `Response` to relay just that one (it ends when that body ends).
 *
 * @param upstream The upstream: `events(...)` (or any async iterable of events), or a `Response`.
 * @param options Pass `signal: request.signal`; `transform` maps or filters events.
 * @returns Our event-stream `Response`; a 204 for an upstream 204.
 * @throws {SSEResponseError} An upstream `Response` that is neither a 2xx `text/event-stream` nor
 *   a 204.
 *
 * @example Relay an upstream in a Hono route on a Worker
 * ```ts
 * import { Hono } from 'hono'
 * import { events } from '@ssekit/client'
 * import { relay } from '@ssekit/client/relay'
 * const app = new Hono()
 * app.get('/prices', (c) => {
 *   const signal = c.req.raw.signal
 *   return relay(events('https://upstream.example/prices', { signal }), { signal })
 * })
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
export function relay<E extends ServerEvent<string, unknown>, M extends EventMap = EventMap>(
  upstream: Response | AsyncIterable<E>,
  options: RelayOptions<E, M> = {},
): Response {
  if (upstream instanceof Response) {
    let verdict: ReturnType<typeof checkResponse>
    try {
      verdict = checkResponse(upstream)
    } catch (error) {
      void upstream.body?.cancel().catch(() => {})
      throw error
    }
    if (verdict.kind === 'stream') return relay(once(upstream) as AsyncIterable<E>, options)
    void upstream.body?.cancel().catch(() => {})
    // The spec's "stop reconnecting" means the same to our client; a 5xx is the caller's to map.
    if (verdict.kind === 'stop') return new Response(null, { status: 204 })
    throw verdict.error
  }
  const { transform, forwardExpiry, ...responseOptions } = options
  const pick = transform ?? (passOn() as RelayTransform<E, M>)
  return sseResponse<M>(async (sink) => {
    const iterator = upstream[Symbol.asyncIterator]()
    if (forwardExpiry && iterator instanceof EventStreamImpl) iterator.forwardExpiry()
    // A producer parked in next() would hear of the departure only at its next event.
    const leave = () => void Promise.resolve(iterator.return?.()).catch(() => {})
    sink.signal.addEventListener('abort', leave, { once: true })
    try {
      for (;;) {
        const step = await iterator.next()
        if (step.done) return passOnExpiry(iterator, sink as SSESink)
        if (sink.signal.aborted) return
        const message = await pick(step.value)
        if (message != null && !(await sink.send(message))) return
      }
    } finally {
      sink.signal.removeEventListener('abort', leave)
      await iterator.return?.()
    }
  }, responseOptions)
}

// The upstream's credentials expired and it cannot come back on its own: neither can we, so our
// client is told the same way, with the same data, and comes back with fresh ones.
async function passOnExpiry(iterator: AsyncIterator<unknown>, sink: SSESink): Promise<void> {
  const expired = iterator instanceof EventStreamImpl ? iterator.expiredBy : undefined
  if (expired !== undefined) await sink.send({ event: EXPIRED_EVENT, data: expired.data, retry: 0 })
}

function once(response: Response): AsyncIterable<ServerEvent> {
  const settings = { ...settingsOf({ fetch: () => response }), reconnect: false }
  const requests = new RequestFactory('http://upstream.invalid/', {})
  return new EventStreamImpl<ServerEvent>(requests, {}, settings)
}

// The default: the same event, name and data; `id:` only when it changed, as the spec keeps it.
function passOn(): RelayTransform<ServerEvent<string, unknown>> {
  let lastId = ''
  return (event) => {
    const id = event.id === lastId ? undefined : event.id
    lastId = event.id
    return { event: event.event === 'message' ? undefined : event.event, data: event.data, id }
  }
}
