import type { SSECompression } from './compression.ts'

/**
 * Maps event names to the type of their `data`. The key `message` is the default event, the one a
 * browser's `EventSource.onmessage` receives.
 *
 * @example Declare the events of a stream
 * ```ts
 * import type { EventMap } from '@ssekit/core'
 * interface PriceEvents extends EventMap {
 *   price: { symbol: string; usd: number }
 *   message: string
 * }
 * ```
 */
export type EventMap = Record<string, unknown>

/**
 * The fields every message may carry besides `event` and `data`.
 *
 * @example A message with no data: it sets the retry delay and the last event ID only
 * ```ts
 * import { type MessageFields, encode } from '@ssekit/core'
 * const fields: MessageFields = { id: '42', retry: 10_000, comment: 'resync' }
 * return new Response(encode(fields))
 * ```
 */
export interface MessageFields {
  /** Sets the client's last event ID. An empty string resets it. No CR, LF or U+0000. */
  id?: string | undefined
  /** The client's reconnection delay in milliseconds: a non-negative safe integer. */
  retry?: number | undefined
  /** A comment, ignored by clients. Each line stays a comment. */
  comment?: string | undefined
}

// The names a map writes out. An `interface` that extends `EventMap` inherits its string index
// signature: counting that, every name would pass with any data.
type DeclaredNames<M> = keyof { [K in keyof M as string extends K ? never : K]: M[K] } & string
// A map that declares no name (`EventMap` itself) takes any event.
type EventNames<M extends EventMap> = [DeclaredNames<M>] extends [never]
  ? keyof M & string
  : DeclaredNames<M>

type NamedMessages<M extends EventMap> = {
  [K in EventNames<M>]: MessageFields & {
    /** The event name. No CR or LF. */
    event: K
    /** A string is sent as-is, one `data: ` line per line; anything else is JSON-serialised. */
    data?: M[K] | undefined
  }
}[EventNames<M>]

type DefaultMessage<M extends EventMap> = MessageFields & {
  event?: undefined
  data?: ('message' extends EventNames<M> ? M['message'] : never) | undefined
}

/**
 * One Server-Sent Event. With an {@link EventMap}, `data` is checked against the type of its `event`.
 *
 * @example A typed message
 * ```ts
 * import type { SSEMessage } from '@ssekit/core'
 * type Events = { price: { usd: number } }
 * const message: SSEMessage<Events> = { event: 'price', data: { usd: 42 }, id: '7' }
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export type SSEMessage<M extends EventMap = EventMap> = NamedMessages<M> | DefaultMessage<M>

/**
 * Why a stream closed: the client left, the source ended, the source threw, the server closed it,
 * or the client's credentials expired (`expiresAt`, `checkCredentials`).
 *
 * @example Count the clients that left
 * ```ts
 * import { type CloseReason, sseResponse } from '@ssekit/core'
 * let departed = 0
 * const onClose = (reason: CloseReason) => {
 *   if (reason === 'client') departed++
 * }
 * return sseResponse(() => {}, { signal: request.signal, onClose })
 * ```
 */
export type CloseReason = 'client' | 'producer' | 'error' | 'server' | 'expired'

/**
 * Turns a non-string `data` value into text. Must return a string.
 *
 * @example Pretty-printed JSON
 * ```ts
 * import { type Serializer, sseResponse } from '@ssekit/core'
 * const serialize: Serializer = (data) => JSON.stringify(data, null, 2)
 * return sseResponse(async (sink) => void (await sink.send({ data: { a: 1 } })), { serialize })
 * ```
 */
export type Serializer = (data: unknown) => string

/**
 * How one client's event stream behaves, whoever produces its events: a stream of its own
 * (`sseResponse`, `sseStream`) or a channel's subscriber.
 *
 * @example A stream that beats every 5 s and reports why it closed
 * ```ts
 * import { type ConnectionOptions, sseResponse } from '@ssekit/core'
 * const options: ConnectionOptions = {
 *   signal: request.signal,
 *   heartbeat: 5_000,
 *   onClose: (reason) => console.log('stream closed:', reason),
 * }
 * return sseResponse(() => {}, options)
 * ```
 */
export interface ConnectionOptions {
  /**
   * Aborts when the client goes away: pass `request.signal`.
   * @defaultValue none; the stream's own `cancel()` and failed writes still stop it
   */
  signal?: AbortSignal | undefined
  /**
   * Sent as the opening `retry:` line, the client's reconnection delay in milliseconds. Without it
   * the stream opens with an empty comment.
   * @defaultValue none
   */
  retry?: number | undefined
  /**
   * Milliseconds between keep-alive comments on a quiet stream, or `false` for none. workerd notices a
   * vanished client only when it writes, and Bun closes idle sockets after 10 s, so keep it on.
   * @defaultValue 15000
   */
  heartbeat?: number | false | undefined
  /**
   * Bytes that may wait for a slow client before `send()` makes the producer wait.
   * @defaultValue 65536
   */
  highWaterMark?: number | undefined
  /** Called exactly once, after the stream closed and every timer and listener is gone. */
  onClose?: ((reason: CloseReason) => void) | undefined
  /**
   * Compresses this stream, flushed once per flush turn so every event still arrives at once: the
   * coding chosen for this request, as `compression(request)` from `@ssekit/compress` makes it.
   * `sseResponse()` and channels set `Content-Encoding` and `Vary: Accept-Encoding`; with
   * `sseStream()` send them yourself (`sseHeaders(headers, compress)` from `@ssekit/core/backend`).
   * Opt-in per route: never compress secrets beside text an attacker controls (BREACH).
   * @defaultValue none: the bytes go out as they are
   */
  compress?: SSECompression | undefined
  /**
   * When the client's credentials expire, in epoch milliseconds or as a `Date`: the stream then
   * sends what waits, ends with the `ssekit-expired` event (`EXPIRED_EVENT`) and `retry: 0`,
   * and closes with `'expired'`, so the client comes back at once with fresh credentials. A time
   * already past ends the stream as soon as it opens.
   * @defaultValue none
   */
  expiresAt?: number | Date | undefined
  /**
   * Asked on each heartbeat whether the client's credentials still hold (a revoked session, a
   * token past its time). Anything but `true`, or a throw or rejection, ends the stream as
   * `expiresAt` does. A check still pending at the next heartbeat is not asked again. Needs
   * heartbeats: with `heartbeat: false` the stream does not open.
   * @defaultValue none
   */
  checkCredentials?: (() => boolean | PromiseLike<boolean>) | undefined
}
