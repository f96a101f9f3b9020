import type { EventMap, SSEMessage } from './types.ts'

/**
 * What a producer callback writes to. Every method is safe to call after the client left.
 *
 * @example A producer that ticks until the client leaves
 * ```ts
 * import { sseResponse, type SSESink } from '@ssekit/core'
 * async function tick(sink: SSESink) {
 *   while (await sink.send({ data: new Date().toISOString() })) {
 *     await new Promise((resolve) => setTimeout(resolve, 1000))
 *   }
 * }
 * return sseResponse(tick)
 * ```
 */
export interface SSESink<M extends EventMap = EventMap> {
  /**
   * Encodes and queues one message. Throws at once (`SyntaxError`, `RangeError`, `TypeError`) if the
   * message is invalid, and the stream stays open. Resolves `true` once the message fits within the
   * buffer's high-water mark (await it for backpressure), or `false` if the stream has closed.
   */
  send(message: SSEMessage<M>): Promise<boolean>
  /** Sends a comment, which clients ignore: a keep-alive or a note for `curl` users. */
  comment(text: string): Promise<boolean>
  /**
   * True while the stream is open and its buffer is under the high-water mark, so `send()` would
   * resolve `true` at once. A producer with many events at hand may skip awaiting `send()` while it
   * stays true, the way Node's `stream.write()` is used:
   * `const accepted = sink.send(m); if (!sink.ready && !(await accepted)) return`.
   */
  readonly ready: boolean
  /** Sends what is queued, then ends the stream. `onClose` gets `'server'`. */
  close(): void
  /** Aborts when the stream closes for any reason; `signal.reason` is the {@link CloseReason}. */
  readonly signal: AbortSignal
}
