import { type BrotliCompress, constants, createBrotliCompress } from 'node:zlib'
import type { SSECompressor } from '@ssekit/core'

/** The settings of a Brotli stream. */
export interface BrotliSettings {
  quality: number
  windowBits: number
}

/**
 * A Brotli stream: one `node:zlib` encoder for the stream's whole life, flushed with
 * `BROTLI_OPERATION_FLUSH` after each flush turn's bytes. Unlike deflate, a Brotli stream cannot
 * be continued by a fresh encoder (its metablocks depend on the encoder's distance cache and
 * context), so the encoder, several hundred KiB of native memory on Node, lives as long as the
 * stream. `node:zlib` compresses only asynchronously for a stream, so writes resolve later; the
 * core sends them in order.
 */
export class BrotliStream implements SSECompressor {
  readonly #encoder: BrotliCompress
  #output: Uint8Array[] = []
  #failure: Error | undefined

  constructor(settings: BrotliSettings) {
    this.#encoder = createBrotliCompress({
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: settings.quality,
        [constants.BROTLI_PARAM_LGWIN]: settings.windowBits,
      },
      // Node's output buffer per stream: 16 KiB by default, while one flush turn's output is
      // usually a few hundred bytes.
      chunkSize: 4096,
    })
    this.#encoder.on('data', (bytes: Uint8Array) => this.#output.push(bytes))
    this.#encoder.on('error', (error: Error) => {
      this.#failure = error
    })
  }

  write(chunk: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.#encoder.write(chunk)
      // The flush's callback runs once its output has been emitted as 'data'.
      this.#encoder.flush(constants.BROTLI_OPERATION_FLUSH, () => this.#settle(resolve, reject))
    })
  }

  end(): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      // 'end': the readable side has emitted everything, the last metablock included.
      this.#encoder.once('end', () => this.#settle(resolve, reject))
      this.#encoder.once('error', reject)
      this.#encoder.end()
    })
  }

  destroy(): void {
    this.#output = []
    this.#encoder.destroy()
  }

  #settle(resolve: (bytes: Uint8Array) => void, reject: (error: Error) => void): void {
    if (this.#failure !== undefined) {
      reject(this.#failure)
      return
    }
    const output = this.#output
    this.#output = []
    resolve(output.length === 1 ? (output[0] as Uint8Array) : concat(output))
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
