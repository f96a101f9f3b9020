import type { EncodeOptions } from './encode.ts'
import { Connection } from './internal/connection.ts'
import { runSource } from './internal/run-source.ts'
import type { ErrorHandler, SSESource } from './source.ts'
import type { ConnectionOptions, EventMap } from './types.ts'

/**
 * Options for {@link sseStream} and {@link sseResponse}.
 *
 * @example A stream with a small buffer and an error event
 * ```ts
 * import { type SSEStreamOptions, sseStream } from '@ssekit/core'
 * const options: SSEStreamOptions = {
 *   signal: request.signal,
 *   highWaterMark: 16 * 1024,
 *   onError: () => ({ event: 'error', data: 'try again' }),
 * }
 * return new Response(sseStream(() => {}, options))
 * ```
 */
export interface SSEStreamOptions<M extends EventMap = EventMap>
  extends ConnectionOptions,
    EncodeOptions {
  /**
   * Turns a producer's error into a last event. By default the error is logged and the stream just
   * ends: its text never reaches the client.
   * @defaultValue log with `console.error`, send nothing
   */
  onError?: ErrorHandler<M> | undefined
}

/**
 * Runs an event source and returns the client's byte stream alone, for servers that want to set
 * their own headers. The stream opens with a comment (or a `retry:` line) at once, sends heartbeats,
 * and stops the source when the client leaves, the source ends, or a write fails.
 *
 * @param source An async iterable of messages, or a callback that writes to a sink.
 * @param options The client's abort signal, heartbeat, buffer size and hooks.
 * @returns The `text/event-stream` body.
 *
 * @example Stream a counter
 * ```ts
 * import { sseStream } from '@ssekit/core'
 * async function* count() {
 *   for (let n = 1; n <= 3; n++) yield { data: String(n) }
 * }
 * const body = sseStream(count())
 * return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
export function sseStream<M extends EventMap = EventMap>(
  source: SSESource<M>,
  options: SSEStreamOptions<M> = {},
): ReadableStream<Uint8Array> {
  const connection = new Connection(options)
  if (connection.closeReason === undefined) {
    // The options are the encode options too (`serialize`): no copy is kept per stream.
    runSource(source, connection, options, options.onError)
  }
  return connection.body
}
