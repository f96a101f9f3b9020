/**
 * One stream's compressor, as a `compress` option's {@link SSECompression.open} makes it. The
 * stream calls {@link SSECompressor.write} once per flush turn with everything that turn wrote,
 * and sends what it returns at once, so each event reaches the client when it is written: the
 * compressor must flush (a sync flush for deflate and gzip, a flush operation for Brotli) every
 * time, never hold bytes back for a fuller block. Results may be bytes or promises of bytes;
 * the stream sends them in call order.
 *
 * @example A compressor that sends the bytes as they are (for a coding with no compression)
 * ```ts
 * import { sseResponse } from '@ssekit/core'
 * import type { SSECompressor } from '@ssekit/core/backend'
 * const passThrough: SSECompressor = {
 *   write: (chunk) => chunk,
 *   end: () => new Uint8Array(0),
 *   destroy: () => {},
 * }
 * return sseResponse(() => {}, { compress: { encoding: 'identity', open: () => passThrough } })
 * ```
 */
export interface SSECompressor {
  /** Compresses one flush turn's bytes and flushes them: every byte of `chunk` is decodable from the result. */
  write(chunk: Uint8Array): Uint8Array | Promise<Uint8Array>
  /** Ends the compressed stream (its trailer); called once, after the last write, when the server ends it. */
  end(): Uint8Array | Promise<Uint8Array>
  /** The client left or the stream failed: free everything at once; no call follows. */
  destroy(): void
  /**
   * The stream wrote nothing for a whole heartbeat interval: a compressor may free what it can
   * rebuild (a deflate window), so an idle stream costs no compression memory.
   */
  idle?(): void
}

/**
 * What a `compress` option takes: the content coding chosen for one response, and how to start
 * its compressor. `@ssekit/compress` makes it from the request's `Accept-Encoding`. With
 * `encoding: 'identity'` the bytes go out as they are, but the response still says
 * `Vary: Accept-Encoding`, so a cache keeps the compressed and the plain answers apart.
 *
 * @example The shape `@ssekit/compress` fills in: here a client that asked for no coding
 * ```ts
 * import { sseResponse } from '@ssekit/core'
 * import type { SSECompression } from '@ssekit/core/backend'
 * const plain: SSECompression = {
 *   encoding: 'identity',
 *   open: () => {
 *     throw new Error('identity is never opened')
 *   },
 * }
 * return sseResponse(() => {}, { signal: request.signal, compress: plain })
 * ```
 */
export interface SSECompression {
  /** The `Content-Encoding` of the response: `'gzip'`, `'br'`, `'deflate'`, or `'identity'` for none. */
  readonly encoding: string
  /** Starts one stream's compressor; never called for `'identity'`. */
  open(): SSECompressor
}
