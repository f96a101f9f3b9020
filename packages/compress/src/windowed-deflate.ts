import type { SSECompressor } from '@ssekit/core/backend'
import { adler32, crc32 } from './checksums.ts'
import { rawDeflate } from './raw-deflate.ts'

/** The settings of a gzip or deflate stream. */
export interface DeflateSettings {
  format: 'gzip' | 'deflate'
  level: number
  windowBits: number
}

/**
 * A gzip or deflate (zlib format) stream that holds no compressor between writes. Each flush
 * turn's bytes are compressed in one synchronous call, as raw deflate ending in a sync flush,
 * with the stream's last `2^windowBits` plain bytes as the preset dictionary: exactly the window
 * a decompressor has at that point, so the output is the same as a long-lived deflate stream's.
 * Between writes a stream keeps only that window (in one buffer, at most `2^windowBits` bytes),
 * its checksum and its length, never zlib's state (more than 100 KiB per stream on Node). A
 * stream quiet for a heartbeat interval lets its window go, and keep-alives do not bring it back:
 * its next event starts from an empty one, which any decompressor follows, since no block
 * refers back past it.
 */
export class WindowedDeflate implements SSECompressor {
  readonly #settings: DeflateSettings
  #window: Uint8Array | undefined
  #windowLength = 0
  #check: number
  #length = 0
  #started = false
  // Quiet for a heartbeat interval, or not yet started: no window until the next event.
  #resting = true

  constructor(settings: DeflateSettings) {
    this.#settings = settings
    this.#check = settings.format === 'gzip' ? 0 : 1
  }

  write(chunk: Uint8Array): Uint8Array {
    const { level, windowBits, format } = this.#settings
    const window =
      this.#windowLength > 0 ? this.#window?.subarray(0, this.#windowLength) : undefined
    const deflated = rawDeflate(chunk, window, level, windowBits)
    this.#check = format === 'gzip' ? crc32(chunk, this.#check) : adler32(chunk, this.#check)
    this.#length = (this.#length + chunk.length) >>> 0
    // A keep-alive alone does not start a window again: a resting stream stays without one.
    if (this.#resting && chunk.length <= KEEP_ALIVE_BYTES) return this.#withHeader(deflated)
    this.#resting = false
    this.#slide(chunk)
    return this.#withHeader(deflated)
  }

  #withHeader(deflated: Uint8Array): Uint8Array {
    if (this.#started) return deflated
    this.#started = true
    const header = this.#header()
    const out = new Uint8Array(header.length + deflated.length)
    out.set(header)
    out.set(deflated, header.length)
    return out
  }

  end(): Uint8Array {
    const gzip = this.#settings.format === 'gzip'
    const header = this.#started ? EMPTY : this.#header()
    const out = new Uint8Array(header.length + FINAL_BLOCK.length + (gzip ? 8 : 4))
    out.set(header)
    out.set(FINAL_BLOCK, header.length)
    const view = new DataView(out.buffer, header.length + FINAL_BLOCK.length)
    // gzip: CRC-32 and length, little-endian; zlib: Adler-32, big-endian.
    view.setUint32(0, this.#check, gzip)
    if (gzip) view.setUint32(4, this.#length, true)
    this.destroy()
    return out
  }

  destroy(): void {
    this.#window = undefined
    this.#windowLength = 0
  }

  idle(): void {
    this.destroy()
    this.#resting = true
  }

  #header(): Uint8Array {
    return this.#settings.format === 'gzip' ? GZIP_HEADER : zlibHeader(this.#settings.windowBits)
  }

  // Keeps the last 2^windowBits plain bytes: the decompressor's latest output, so always a suffix
  // of what it holds. One buffer of the full size, made at the first event after a rest.
  #slide(chunk: Uint8Array): void {
    const size = 1 << this.#settings.windowBits
    this.#window ??= new Uint8Array(size)
    const window = this.#window
    if (chunk.length >= size) {
      window.set(chunk.subarray(chunk.length - size))
      this.#windowLength = size
      return
    }
    const kept = Math.min(this.#windowLength, size - chunk.length)
    if (kept < this.#windowLength)
      window.copyWithin(0, this.#windowLength - kept, this.#windowLength)
    window.set(chunk, kept)
    this.#windowLength = kept + chunk.length
  }
}

const EMPTY = new Uint8Array(0)
// A heartbeat is `:\n\n`; the shortest event, `data: x\n\n`, is longer than this.
const KEEP_ALIVE_BYTES = 8
// The last block after a sync flush: empty, fixed Huffman codes, final bit set (BFINAL 1, BTYPE
// 01, then the 7-bit end-of-block code), padded to a byte.
const FINAL_BLOCK = new Uint8Array([0x03, 0x00])

// ID1 ID2, CM = 8 (deflate), no flags, no modification time, XFL 0, OS 255 (unknown).
const GZIP_HEADER = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff])

// CMF (deflate, the window size) and FLG (default level, no dictionary, the check bits).
function zlibHeader(windowBits: number): Uint8Array {
  const cmf = ((windowBits - 8) << 4) | 0x08
  let flg = 2 << 6
  flg += (31 - ((cmf * 256 + flg) % 31)) % 31
  return new Uint8Array([cmf, flg])
}
