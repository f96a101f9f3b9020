/**
 * What a per-attempt `headers` or `body` function is told about the request it is building.
 *
 * @example A token that is fresh on every reconnect
 * ```ts
 * import { type Attempt, events } from '@ssekit/client'
 * const headers = async ({ attempt }: Attempt) => ({
 *   authorization: `Bearer ${await fetch('/token').then((r) => r.text())}`,
 *   'x-attempt': String(attempt),
 * })
 * for await (const e of events('https://example.com/sse', { headers })) console.log(e.data)
 * ```
 */
export interface Attempt {
  /** 1 for the first request, then one more for every reconnect. */
  attempt: number
  /** The `Last-Event-ID` this request carries, `''` for none. */
  lastEventId: string
}

/**
 * What `onRetry` is told before the client waits and reconnects.
 *
 * @example Give up after five failures in a row
 * ```ts
 * import { events, type RetryInfo } from '@ssekit/client'
 * const onRetry = ({ failures, error }: RetryInfo) => {
 *   if (failures > 5) throw new Error('The feed is down', { cause: error })
 * }
 * for await (const e of events('https://example.com/sse', { onRetry })) console.log(e.data)
 * ```
 */
export interface RetryInfo {
  /** The request that will be made next: 2 for the first reconnect. */
  attempt: number
  /** Attempts in a row that delivered no event, this one included. */
  failures: number
  /** Milliseconds the client waits before that request. */
  delay: number
  /**
   * Why: the network error, an {@link SSEResponseError} for a 408, 429 or 5xx, a `TimeoutError`
   * `DOMException` for an idle connection, or `undefined` when the server ended the stream.
   */
  error: unknown
  /**
   * True when the server ended the stream because the credentials it was opened with expired
   * (the `ssekit-expired` event of an ssekit server): the client reconnects at once, calling
   * `headers()` for fresh ones. `delay` is then 0, unless the stream before delivered no
   * event either (fresh headers did not help): then it is the usual backoff.
   */
  expired: boolean
}

/**
 * What `onOpen` is told when a response is accepted as an event stream.
 *
 * @example Show whether this tab holds the shared connection
 * ```ts
 * import { events, type OpenInfo } from '@ssekit/client'
 * let status = 'connecting'
 * const onOpen = ({ connection }: OpenInfo) => {
 *   status = connection === 'follower' ? 'open (through another tab)' : 'open'
 * }
 * for await (const e of events('https://example.com/sse', { shared: true, onOpen })) console.log(status, e.data)
 * ```
 */
export interface OpenInfo {
  /** The request that opened the stream: 1 for the first, then one more for every reconnect. */
  attempt: number
  /**
   * Whose connection it is: `'own'` for this iterator's own (not shared, or shared mode is not
   * available here); in shared mode `'leader'` when this tab holds the one connection and
   * `'follower'` when another tab does.
   */
  connection: 'own' | 'leader' | 'follower'
}

/**
 * Options for {@link events}. Besides these, a `Request` given as input keeps all of its own
 * settings (mode, redirect, referrer, ...).
 *
 * @example A POST stream with a token, a fast first retry and a short idle timeout
 * ```ts
 * import { type EventsInit, events } from '@ssekit/client'
 * const init: EventsInit = {
 *   method: 'POST',
 *   body: JSON.stringify({ prompt: 'hello' }),
 *   headers: () => ({ authorization: `Bearer ${crypto.randomUUID()}`, 'content-type': 'application/json' }),
 *   retryDelay: 500,
 *   idleTimeout: 20_000,
 * }
 * for await (const e of events('https://example.com/chat', init)) console.log(e.data)
 * ```
 */
export interface EventsInit {
  /** Ends the iteration quietly when it aborts. @defaultValue none */
  signal?: AbortSignal | undefined
  /** Request headers, or a function called before every attempt (a fresh token each time). */
  headers?: HeadersInit | ((attempt: Attempt) => HeadersInit | PromiseLike<HeadersInit>) | undefined
  /** @defaultValue `'GET'`, or the method of a `Request` given as input */
  method?: string | undefined
  /**
   * The request body, re-sent on every reconnect. A `ReadableStream` can be sent only once, so a
   * reconnect then throws a `TypeError`: pass a function that returns a fresh body instead.
   */
  body?: BodyInit | null | ((attempt: Attempt) => BodyInit | null | PromiseLike<BodyInit | null>)
  /** The `credentials` of the request (`'include'` is `EventSource`'s `withCredentials`). */
  // Spelled out: @cloudflare/workers-types, which Workers code compiles against, has no
  // `RequestCredentials`.
  credentials?: 'omit' | 'same-origin' | 'include' | undefined
  /** The `Last-Event-ID` of the first request, to resume a stream read earlier. @defaultValue `''` */
  lastEventId?: string | undefined
  /** Parse each event's data as JSON; `data` is then typed by the {@link EventMap}. @defaultValue false */
  json?: boolean | undefined
  /** Base reconnection delay in milliseconds until the server sends `retry:`. @defaultValue 3000 */
  retryDelay?: number | undefined
  /**
   * The shortest wait before any reconnect, in milliseconds, whatever the server says (`retry: 0`,
   * `Retry-After: 0`): a server that ends every response at once gets at most one request per
   * floor. Firefox's `EventSource` has the same floor.
   * @defaultValue 500
   */
  minRetryDelay?: number | undefined
  /**
   * The most the backoff waits, in milliseconds; a server's larger `retry:` still wins, and so
   * does a `Retry-After` header, up to `maxServerDelay`.
   * @defaultValue 30000
   */
  maxRetryDelay?: number | undefined
  /**
   * The longest wait a server can ask for, in milliseconds, with `retry:` or a `Retry-After`
   * header (seconds or a date): a longer ask waits this long. At most 2147483647, the longest
   * timer delay: a longer timer would fire at once.
   * @defaultValue 300000 (5 minutes)
   */
  maxServerDelay?: number | undefined
  /**
   * Milliseconds without a byte after which the connection counts as dead, is aborted and
   * reconnected: three missed heartbeats of an ssekit server. `false` waits forever.
   * @defaultValue 45000
   */
  idleTimeout?: number | false | undefined
  /**
   * The largest event, in characters of decoded text (bytes, for ASCII), before the client throws
   * {@link SSEEventSizeError}. It bounds the memory one connection may hold.
   * @defaultValue 8388608 (8 MiB)
   */
  maxEventSize?: number | undefined
  /**
   * Called before every reconnect. It may throw to stop: the loop then throws that error.
   * @defaultValue none
   */
  onRetry?: ((info: RetryInfo) => void) | undefined
  /**
   * Called each time a response is accepted as an event stream, so on every reconnect too. In
   * shared mode every tab hears of the one connection opening; a tab that joins hears of it once
   * it follows an open one.
   * @defaultValue none
   */
  onOpen?: ((info: OpenInfo) => void) | undefined
  /**
   * Shares one connection among every tab (and worker) of this origin that reads the same stream:
   * one tab holds it and hands every event to the others. `true` keys the stream by method and
   * URL; a string is added to that key, for streams the URL alone does not tell apart (a POST
   * body, another user's headers). Where Web Locks or `BroadcastChannel` are missing (Workers,
   * Node 22, Bun, older browsers) each caller gets its own connection, as without it; Deno has
   * both, so its callers in one process share one.
   * @defaultValue false
   */
  shared?: boolean | string | undefined
  /**
   * Makes each request, e.g. a Hono app's `app.fetch` to read a stream in process.
   * @defaultValue `globalThis.fetch`
   */
  fetch?: ((request: Request) => Response | PromiseLike<Response>) | undefined
  /** The random source of the backoff's jitter, in [0, 1). @defaultValue `Math.random` */
  random?: (() => number) | undefined
}
