import {
  type BrotliCompress,
  constants,
  createBrotliCompress,
  createDeflate,
  createGzip,
  type Gzip,
} from 'node:zlib'
import type { SSECompressor } from '@ssekit/core/backend'
import type { DeflateSettings } from './windowed-deflate.ts'

/** The settings of a Brotli stream. */
export interface BrotliSettings {
  quality: number
  windowBits: number
}

// Node's output buffer per stream: 16 KiB by default, while one flush turn's output is usually a
// few hundred bytes.
const CHUNK_SIZE = 4096

/** A Brotli stream: see {@link ZlibStream}. */
export function brotliStream(settings: BrotliSettings): ZlibStream {
  const encoder = createBrotliCompress({
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: settings.quality,
      [constants.BROTLI_PARAM_LGWIN]: settings.windowBits,
    },
    chunkSize: CHUNK_SIZE,
  })
  return new ZlibStream(encoder, constants.BROTLI_OPERATION_FLUSH)
}

/**
 * A long-lived gzip or deflate stream, for runtimes whose `node:zlib` ignores preset dictionaries
 * (Deno's), where `WindowedDeflate` cannot work: it keeps zlib's whole state per stream.
 */
export function deflateStream(settings: DeflateSettings): ZlibStream {
  const make = settings.format === 'gzip' ? createGzip : createDeflate
  const { level, windowBits } = settings
  return new ZlibStream(make({ level, windowBits, chunkSize: CHUNK_SIZE }), constants.Z_SYNC_FLUSH)
}

/**
 * One `node:zlib` encoder for the stream's whole life, flushed (`BROTLI_OPERATION_FLUSH`,
 * `Z_SYNC_FLUSH`) after each flush turn's bytes. A Brotli stream cannot be continued by a fresh
 * encoder (its metablocks depend on the encoder's distance cache and context), so its encoder,
 * some 300 KiB of native memory on Node, lives as long as the stream. `node:zlib` compresses a
 * stream only asynchronously, so writes resolve later; the core sends them in order.
 */
export class ZlibStream implements SSECompressor {
  readonly #encoder: BrotliCompress | Gzip
  readonly #flush: number
  #output: Uint8Array[] = []
  #failure: Error | undefined

  constructor(encoder: BrotliCompress | Gzip, flush: number) {
    this.#encoder = encoder
    this.#flush = flush
    this.#encoder.on('data', (bytes: Uint8Array) => this.#output.push(bytes))
    this.#encoder.on('error', (error: Error) => {
      this.#failure = error
    })
  }

  write(chunk: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.#encoder.write(chunk)
      // The flush's callback runs once its output has been emitted as 'data'.
      this.#encoder.flush(this.#flush, () => this.#settle(resolve, reject))
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
