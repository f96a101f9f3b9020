import { constants, deflateRawSync } from 'node:zlib'
import type { SSECompression, SSECompressor } from '@ssekit/core/backend'

/**
 * The other fan-out design, measured against a compressor per connection: each event is
 * compressed once, as an independent raw-deflate block ending in a sync flush (no reference to
 * earlier bytes, so it decodes after anything), and every subscriber sends the same block. A
 * channel hands each subscriber the same `Uint8Array` for an event, so the block is found by
 * identity. Each stream still keeps its own gzip CRC-32 and length for its trailer. Only what the
 * benchmark needs: gzip, no window, no idle handling.
 */
export function sharedBlocks(): SSECompression {
  const blocks = new WeakMap<Uint8Array, Uint8Array>()
  return { encoding: 'gzip', open: () => new SharedBlockStream(blocks) }
}

class SharedBlockStream implements SSECompressor {
  readonly #blocks: WeakMap<Uint8Array, Uint8Array>
  #started = false
  #crc = 0
  #length = 0

  constructor(blocks: WeakMap<Uint8Array, Uint8Array>) {
    this.#blocks = blocks
  }

  write(chunk: Uint8Array): Uint8Array {
    let block = this.#blocks.get(chunk)
    if (block === undefined) {
      block = deflateRawSync(chunk, { finishFlush: constants.Z_SYNC_FLUSH })
      this.#blocks.set(chunk, block)
    }
    this.#crc = crc32(chunk, this.#crc)
    this.#length = (this.#length + chunk.length) >>> 0
    if (this.#started) return block
    this.#started = true
    const out = new Uint8Array(GZIP_HEADER.length + block.length)
    out.set(GZIP_HEADER)
    out.set(block, GZIP_HEADER.length)
    return out
  }

  end(): Uint8Array {
    const out = new Uint8Array(10)
    out.set([0x03, 0x00])
    const view = new DataView(out.buffer)
    view.setUint32(2, this.#crc, true)
    view.setUint32(6, this.#length, true)
    return out
  }

  destroy(): void {}
}

const GZIP_HEADER = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff])
const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array, crc: number): number {
  let c = ~crc
  for (const byte of bytes) c = (TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8)
  return ~c >>> 0
}
