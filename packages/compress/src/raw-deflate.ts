import { constants, deflateRawSync } from 'node:zlib'

/**
 * Compresses `chunk` as raw deflate blocks that end in a sync flush (byte-aligned, no final
 * block), with `window` as the preset dictionary: the bytes a decompressor has just produced.
 * One synchronous call; zlib's state lives only during it.
 */
export function rawDeflate(
  chunk: Uint8Array,
  window: Uint8Array | undefined,
  level: number,
  windowBits: number,
): Uint8Array {
  return deflateRawSync(chunk, {
    level,
    windowBits,
    finishFlush: constants.Z_SYNC_FLUSH,
    // The output buffer of this call: a flush turn's output is usually a few hundred bytes, and a
    // larger one is joined from several buffers.
    chunkSize: 1024,
    ...(window !== undefined && { dictionary: window }),
  })
}

// One short probe when the module loads: a repeat of the dictionary costs a few bytes only when
// the dictionary is really used.
function zlibTakesDictionaries(): boolean {
  const text = new TextEncoder().encode('data: {"event":"probe","dictionary":true}\n\n')
  try {
    return rawDeflate(text, text, 6, 15).length < text.length / 2
  } catch {
    return false
  }
}

/** Whether this runtime's `node:zlib` honours preset dictionaries (Deno's ignores them). */
export const TAKES_DICTIONARIES: boolean = zlibTakesDictionaries()
