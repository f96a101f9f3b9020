import { EXPIRED_EVENT_NAME } from './internal/expiry.ts'

/**
 * The event that ends a stream whose credentials expired (`expiresAt` passed, or
 * `checkCredentials` said no). It comes with `retry: 0`, so a browser's `EventSource` reconnects
 * at once, and `@ssekit/client` reconnects at once with fresh `headers()`, instead of waiting to be
 * refused with a 401. Its `data` is JSON naming the option that ended the stream,
 * `{"reason":"expiresAt"}` or `{"reason":"checkCredentials"}`; it carries no `id`, so the client
 * resumes from the last event it received. `onClose` gets `'expired'`.
 *
 * @example Refresh a cookie before an `EventSource` comes back
 * ```ts
 * import { EXPIRED_EVENT } from '@ssekit/core'
 * const source = new EventSource('/events')
 * source.addEventListener(EXPIRED_EVENT, () => {
 *   source.close()
 *   void fetch('/session/refresh', { method: 'POST' }).then(() => new EventSource('/events'))
 * })
 * return new Response(EXPIRED_EVENT)
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#concept-event-stream-reconnection-time
 */
export const EXPIRED_EVENT: string = EXPIRED_EVENT_NAME
