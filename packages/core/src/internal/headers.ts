/** The headers of every event stream; `SSE_HEADERS` in the public API explains each one. */
export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
})

/**
 * The event-stream headers, then the caller's, which may override them: what every event-stream
 * response of a backend sends.
 *
 * @param extra The caller's headers.
 * @returns A new `Headers`.
 *
 * @example A channel backend's response head
 * ```ts
 * import { sseHeaders } from '@ssekit/core/backend'
 * return new Response(null, { headers: sseHeaders({ 'access-control-allow-origin': '*' }) })
 * ```
 */
export function sseHeaders(extra?: HeadersInit): Headers {
  const headers = new Headers(EVENT_STREAM_HEADERS)
  if (extra) for (const [name, value] of new Headers(extra)) headers.set(name, value)
  return headers
}
