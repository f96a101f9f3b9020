import { request as httpRequest, type IncomingMessage } from 'node:http'
import type { Readable, Transform } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import { createParser, type EventSourceMessage } from 'eventsource-parser'

/**
 * An event-stream client over a real socket that decompresses as bytes arrive, with the
 * decompressor flushing whatever it can decode (node:zlib's streaming decompressors, as a browser
 * does), and parses the result with eventsource-parser.
 */
export class DecodingClient {
  readonly events: EventSourceMessage[] = []
  readonly comments: string[] = []
  /** Bytes on the wire (after HTTP framing, before decompression). */
  wireBytes = 0
  /** Decompressed bytes. */
  plainBytes = 0
  ended = false
  error: Error | undefined
  readonly response: IncomingMessage
  readonly #destroy: () => void

  private constructor(response: IncomingMessage, destroy: () => void) {
    this.response = response
    this.#destroy = destroy
    const parser = createParser({
      onEvent: (event) => this.events.push(event),
      onComment: (comment) => this.comments.push(comment),
    })
    const decoder = new TextDecoder()
    const decompressor = decompressorFor(response.headers['content-encoding'])
    response.on('data', (chunk: Uint8Array) => {
      this.wireBytes += chunk.length
    })
    const plain: Readable = decompressor ? response.pipe(decompressor) : response
    plain.on('data', (chunk: Uint8Array) => {
      this.plainBytes += chunk.length
      parser.feed(decoder.decode(chunk, { stream: true }))
    })
    plain.on('end', () => {
      this.ended = true
    })
    plain.on('error', (error: Error) => {
      this.error = error
    })
  }

  static open(url: string, acceptEncoding: string | undefined): Promise<DecodingClient> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> =
        acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
      const req = httpRequest(url, { headers }, (response) =>
        resolve(new DecodingClient(response, () => req.destroy())),
      )
      req.on('error', reject)
      req.end()
    })
  }

  /** Waits until `check` holds, or fails after `timeoutMs` saying what was seen. */
  async until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!check()) {
      if (this.error) throw this.error
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for ${what}; got ${this.events.length} events, ${this.comments.length} comments`,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }

  close(): void {
    this.#destroy()
  }
}

// Each decompressor emits what it can decode as soon as input arrives, and fails on a stream that
// ends without its trailer or with a wrong checksum.
function decompressorFor(encoding: string | undefined): Transform | undefined {
  switch (encoding) {
    case 'gzip':
      return createGunzip()
    case 'deflate':
      return createInflate()
    case 'br':
      return createBrotliDecompress()
    case undefined:
      return undefined
    default:
      throw new Error(`Unexpected content-encoding ${encoding}`)
  }
}
