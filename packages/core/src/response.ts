import { refuseWhileDraining } from './drain.ts'
import { EVENT_STREAM_HEADERS, sseHeaders } from './internal/headers.ts'
import type { SSESource } from './source.ts'
import { type SSEStreamOptions, sseStream } from './stream.ts'
import type { EventMap } from './types.ts'

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
export const SSE_HEADERS: Readonly<Record<string, string>> = EVENT_STREAM_HEADERS

/**
 * Options for {@link sseResponse}: the stream's options plus the response's status and headers.
 *
 * @example Add a header and a retry delay
 * ```ts
 * import { sseResponse } from '@ssekit/core'
 * return sseResponse(() => {}, {
 *   signal: request.signal,
 *   retry: 5_000,
 *   headers: { 'access-control-allow-origin': '*' },
 * })
 * ```
 */
export interface SSEResponseOptions<M extends EventMap = EventMap> extends SSEStreamOptions<M> {
  /** @defaultValue 200 */
  status?: number | undefined
  /** Extra headers; they may override the defaults. */
  headers?: HeadersInit | undefined
}

/**
 * Runs an event source and returns it as a streaming `Response` with the event-stream headers.
 *
 * @param source An async iterable of messages, or a callback that writes to a sink.
 * @param options Pass `signal: request.signal` so the source stops when the client leaves.
 * @returns A `Response` for any Fetch-API server: Workers, Deno, Bun, Node.
 *
 * @example The current time every second, until the client leaves
 * ```ts
 * import { sseResponse } from '@ssekit/core'
 * return sseResponse(
 *   (sink) => {
 *     const timer = setInterval(() => sink.send({ data: new Date().toISOString() }), 1000)
 *     sink.signal.addEventListener('abort', () => clearInterval(timer))
 *   },
 *   { signal: request.signal },
 * )
 * ```
 * @see https://developer.mozilla.org/docs/Web/API/Server-sent_events/Using_server-sent_events
 */
export function sseResponse<M extends EventMap = EventMap>(
  source: SSESource<M>,
  options: SSEResponseOptions<M> = {},
): Response {
  // A draining process sends new clients elsewhere; the source never runs.
  const refused = refuseWhileDraining(options.headers)
  if (refused !== undefined) {
    options.onClose?.('server')
    return refused
  }
  return new Response(sseStream(source, options), {
    status: options.status ?? 200,
    headers: sseHeaders(options.headers),
  })
}
