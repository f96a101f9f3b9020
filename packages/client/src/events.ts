import { EventStreamImpl } from './event-stream.ts'
import type { EventsInit } from './options.ts'
import { type EventsInput, RequestFactory } from './request.ts'
import { settingsOf } from './settings.ts'
import { SharedEventStream } from './shared/shared-stream.ts'
import { checkShared, sharedName, sharedPlatform } from './shared/support.ts'
import type { EventMap, EventStream, JsonEvent, ServerEvent } from './types.ts'

/**
 * Reads a Server-Sent Events stream with `fetch`, as an async iterator that reconnects the way
 * the spec says and stops when asked.
 *
 * - **Reconnects** after a network error, a 408, 429 (honouring `Retry-After`) or 5xx, a stream
 *   the server ended, or `idleTimeout` without a byte; every reconnect sends `Last-Event-ID` and
 *   waits the server's `retry:` with exponential backoff and full jitter, capped by
 *   `maxRetryDelay` and reset once a stream delivers. No wait is shorter than `minRetryDelay`
 *   (500 ms) or, whatever a server asks, longer than `maxServerDelay` (5 minutes).
 * - **Ends quietly** when `signal` aborts or the server answers 204. `break` aborts the fetch and
 *   cancels the body at once.
 * - **Refreshes credentials** when an ssekit server ends the stream because they expired (the
 *   `ssekit-expired` event): it reconnects at once, calling `headers()` again.
 * - **Shares** one connection among the tabs of an origin with `shared: true`: one tab holds it
 *   and hands each event to the others, and another takes over when it closes.
 * - **Throws** {@link SSEResponseError} for any other 4xx or a 2xx that is not
 *   `text/event-stream`, and {@link SSEEventSizeError} for an event over `maxEventSize`.
 *
 * Nothing starts until the first `next()`. Web APIs only: Workers, Deno, Bun, Node, browsers.
 *
 * @param input The stream's URL, or a `Request` (cloned for every attempt).
 * @param init Request options (`headers` may be a function called per attempt), `json`,
 *   reconnection and bounds.
 * @returns An async iterator of events; `lastEventId` tells where it stopped.
 *
 * @example Relay an upstream's events through a Worker, with a fresh token on each reconnect
 * ```ts
 * import { events } from '@ssekit/client'
 * const texts: string[] = []
 * for await (const e of events('https://example.com/sse', {
 *   signal: request.signal,
 *   headers: () => ({ authorization: `Bearer ${crypto.randomUUID()}` }),
 * })) {
 *   texts.push(`${e.event} ${e.id}: ${e.data}`)
 *   if (texts.length === 10) break
 * }
 * return new Response(texts.join('\n'))
 * ```
 * @example Typed JSON events
 * ```ts
 * import { events } from '@ssekit/client'
 * type Events = { price: { symbol: string; usd: number }; closed: { at: string } }
 * for await (const e of events<Events>('https://example.com/prices', { json: true })) {
 *   if (e.event === 'closed') break
 *   console.log(e.data.symbol, e.data.usd)
 * }
 * ```
 * @example One connection for every tab of the origin
 * ```ts
 * import { events } from '@ssekit/client'
 * for await (const e of events('/events', { shared: true })) console.log(e.data)
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#processing-model
 */
export function events<M extends EventMap = EventMap>(
  input: EventsInput,
  init: EventsInit & { json: true },
): EventStream<JsonEvent<M>>
export function events(
  input: EventsInput,
  init?: EventsInit & { json?: false | undefined },
): EventStream<ServerEvent>
export function events(
  input: EventsInput,
  init?: EventsInit,
): EventStream<ServerEvent<string, unknown>>
export function events(
  input: EventsInput,
  init: EventsInit = {},
): EventStream<ServerEvent<string, unknown>> {
  const settings = settingsOf(init)
  checkShared(init.shared)
  const requests = new RequestFactory(input, init)
  const platform = init.shared ? sharedPlatform() : undefined
  if (platform !== undefined) {
    return new SharedEventStream(sharedName(input, init), platform, input, init, settings)
  }
  return new EventStreamImpl(requests, init, settings)
}
