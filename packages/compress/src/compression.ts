import { negotiateEncoding, type SSECompression } from '@ssekit/core/backend'
import { type CompressionOptions, compressionSettings } from './options.ts'
import { TAKES_DICTIONARIES } from './raw-deflate.ts'
import { WindowedDeflate } from './windowed-deflate.ts'
import { brotliStream, deflateStream } from './zlib-stream.ts'

/**
 * Chooses a content coding for one event-stream response from its request's `Accept-Encoding`
 * (q-values honoured, `identity;q=0` too) and returns it for a `compress` option: of
 * `sseResponse`, `sseStream`, a channel's `subscribe`, or `@ssekit/hono`'s `sse`. The stream then
 * sends `Content-Encoding` and `Vary: Accept-Encoding`, and flushes its compressor once per flush
 * turn, so each event reaches the client (an `EventSource`, a streaming decompressor) as soon as
 * it is written. A client that asks for no coding gets the bytes as they are; one that refuses
 * identity and every coding offered gets them as they are too (HTTP lets a server disregard the
 * header), which an `EventSource` reads.
 *
 * Compress per route, and never where a secret sits beside text an attacker can choose: the
 * compressed length would tell whether the attacker's guess matched (BREACH).
 *
 * @param request The client's request: its `Accept-Encoding` is read.
 * @param options The codings to offer and their settings.
 * @returns The coding and its compressor's factory, for the `compress` option.
 * @throws {TypeError | RangeError} An option is invalid.
 *
 * @example A compressed clock
 * ```ts
 * import { compression } from '@ssekit/compress'
 * import { sseResponse } from '@ssekit/core'
 * return sseResponse(
 *   (sink) => {
 *     const timer = setInterval(() => sink.send({ data: { at: new Date().toISOString() } }), 1000)
 *     sink.signal.addEventListener('abort', () => clearInterval(timer))
 *   },
 *   { signal: request.signal, compress: compression(request) },
 * )
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-accept-encoding
 */
export function compression(request: Request, options: CompressionOptions = {}): SSECompression {
  const settings = compressionSettings(options)
  const encoding = negotiateEncoding(acceptEncoding(request), settings.encodings)
  switch (encoding) {
    case 'gzip':
    case 'deflate': {
      const deflate = { format: encoding, level: settings.level, windowBits: settings.windowBits }
      return TAKES_DICTIONARIES
        ? { encoding, open: () => new WindowedDeflate(deflate) }
        : { encoding, open: () => deflateStream(deflate) }
    }
    case 'br': {
      const brotli = { quality: settings.brotliQuality, windowBits: settings.brotliWindowBits }
      return { encoding, open: () => brotliStream(brotli) }
    }
    default:
      return IDENTITY
  }
}

/**
 * The client's `Accept-Encoding`. Cloudflare (workerd, `wrangler dev` too) shows a Worker a
 * normalised `br, gzip` whatever the client sent, and keeps the client's own header in
 * `request.cf.clientAcceptEncoding`: answering the normalised one would send gzip to a client that
 * asked for none, since a Worker's own coding (`encodeBody: 'manual'`) goes out untouched.
 */
function acceptEncoding(request: Request): string | null {
  const original = (request as { cf?: { clientAcceptEncoding?: unknown } }).cf?.clientAcceptEncoding
  return typeof original === 'string' ? original : request.headers.get('accept-encoding')
}

const IDENTITY: SSECompression = Object.freeze({
  encoding: 'identity',
  open: () => {
    throw new Error('Cannot compress: identity has no compressor')
  },
})
