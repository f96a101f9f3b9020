import type { SSECompression } from '../compression.ts'

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
 * @param compress The stream's `compress` option: sets `Content-Encoding` and `Vary`.
 * @returns A new `Headers`.
 *
 * @example A channel backend's response head
 * ```ts
 * import { sseHeaders } from '@ssekit/core/backend'
 * return new Response(null, { headers: sseHeaders({ 'access-control-allow-origin': '*' }) })
 * ```
 */
export function sseHeaders(extra?: HeadersInit, compress?: SSECompression): Headers {
  const headers = new Headers(EVENT_STREAM_HEADERS)
  if (extra) for (const [name, value] of new Headers(extra)) headers.set(name, value)
  if (compress !== undefined) {
    // Set after the caller's: the body is in this coding whatever else they said.
    if (compress.encoding === 'identity') headers.delete('content-encoding')
    else headers.set('content-encoding', compress.encoding)
    // Both answers say so, the plain one too: a cache must not hand either to the other's clients.
    headers.append('vary', 'accept-encoding')
  }
  return headers
}

/**
 * The `ResponseInit` of an event-stream response. A compressed body goes out as it is:
 * `encodeBody: 'manual'` tells Cloudflare Workers not to compress it again for its
 * `Content-Encoding`; every other runtime ignores the field.
 *
 * @param headers The response's headers, from {@link sseHeaders}.
 * @param status The response's status.
 * @param compress The stream's `compress` option.
 * @returns The init for `new Response(body, init)`.
 *
 * @example A backend's event-stream response
 * ```ts
 * import { sseHeaders, sseResponseInit } from '@ssekit/core/backend'
 * const headers = sseHeaders({ 'access-control-allow-origin': '*' })
 * return new Response(new ReadableStream(), sseResponseInit(headers, 200, undefined))
 * ```
 */
export function sseResponseInit(
  headers: Headers,
  status: number,
  compress: SSECompression | undefined,
): ResponseInit {
  return compress === undefined || compress.encoding === 'identity'
    ? { status, headers }
    : ({ status, headers, encodeBody: 'manual' } as ResponseInit)
}
