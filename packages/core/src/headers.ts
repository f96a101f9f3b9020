/**
 * The headers of every event stream.
 * - `no-transform` keeps compression middleware and proxies from buffering events.
 * - `x-accel-buffering: no` turns off nginx's response buffering.
 * - No `Connection: keep-alive`: it is a hop-by-hop header, forbidden in HTTP/2 and HTTP/3, where
 *   it can break the response, and every runtime keeps HTTP/1.1 connections alive on its own.
 * - No `Transfer-Encoding`: the runtime chooses the framing.
 *
 * @example Serve a pre-built stream with the same headers
 * ```ts
 * import { SSE_HEADERS, encode } from '@ssekit/core'
 * return new Response(encode({ data: 'hello' }), { headers: SSE_HEADERS })
 * ```
 */
export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
})

/** @internal Our headers, then the caller's, which may override them. */
export function sseHeaders(extra?: HeadersInit): Headers {
  const headers = new Headers(SSE_HEADERS)
  if (extra) for (const [name, value] of new Headers(extra)) headers.set(name, value)
  return headers
}
