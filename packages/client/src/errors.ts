/**
 * A response that is not an event stream. {@link events} throws it for answers that won't get
 * better (a 4xx other than 408 and 429, a 2xx that is not `text/event-stream`), and hands the
 * retryable ones (408, 429, 5xx) to `onRetry` before it reconnects.
 *
 * @example Tell a lost login from a server that is down
 * ```ts
 * import { events, SSEResponseError } from '@ssekit/client'
 * try {
 *   for await (const e of events('https://example.com/sse')) console.log(e.data)
 * } catch (error) {
 *   if (error instanceof SSEResponseError && error.status === 401) return new Response('Log in again', { status: 401 })
 *   throw error
 * }
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#the-eventsource-interface
 */
export class SSEResponseError extends Error {
  override readonly name = 'SSEResponseError'
  /** The HTTP status. */
  readonly status: number
  /** The `content-type` header, or `null` when there was none. */
  readonly contentType: string | null
  /** The URL that answered, after redirects. */
  readonly url: string

  /**
   * @param response The response; its body is not read.
   * @param problem What is wrong with it, e.g. `answered 401 Unauthorized`.
   */
  constructor(response: Response, problem: string) {
    const where = response.url ? ` from ${response.url}` : ''
    super(`Cannot read the event stream${where}: ${problem}`)
    this.status = response.status
    this.contentType = response.headers.get('content-type')
    this.url = response.url
  }
}

/**
 * An event larger than `maxEventSize`. {@link events} throws it and closes the connection rather
 * than let one event grow memory without limit; reconnecting would fetch the same event again.
 *
 * @example Raise the bound for a stream of large documents
 * ```ts
 * import { events, SSEEventSizeError } from '@ssekit/client'
 * try {
 *   for await (const e of events('https://example.com/docs', { maxEventSize: 64 * 1024 * 1024 })) console.log(e.data.length)
 * } catch (error) {
 *   if (error instanceof SSEEventSizeError) console.error(`over ${error.limit} characters`)
 * }
 * ```
 */
export class SSEEventSizeError extends RangeError {
  override readonly name = 'SSEEventSizeError'
  /** The bound that was exceeded, in characters. */
  readonly limit: number

  /** @param limit The `maxEventSize` in force. */
  constructor(limit: number) {
    super(`Cannot read the event stream: an event exceeded \`maxEventSize\` (${limit} characters)`)
    this.limit = limit
  }
}
