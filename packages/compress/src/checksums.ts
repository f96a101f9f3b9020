// The trailers' checksums, kept per stream as the bytes pass: gzip's CRC-32 (RFC 1952) and the
// zlib format's Adler-32 (RFC 1950). Node's `zlib.crc32` is newer than Node 20 and absent from
// some runtimes' `node:zlib`, and nothing exposes Adler-32, so both are here: a few lines each.

const CRC_TABLE = makeCrcTable()

function makeCrcTable(): Uint32Array {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
}

/** CRC-32 of `bytes`, continued from `crc` (0 to start). */
export function crc32(bytes: Uint8Array, crc: number): number {
  let c = ~crc
  for (let i = 0; i < bytes.length; i++) {
    c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8)
  }
  return ~c >>> 0
}

/** Adler-32 of `bytes`, continued from `adler` (1 to start). */
export function adler32(bytes: Uint8Array, adler: number): number {
  let a = adler & 0xffff
  let b = adler >>> 16
  // 5552 bytes is the most that keeps the sums below 2^32 between reductions (zlib's NMAX).
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(start + 5552, bytes.length)
    for (let i = start; i < end; i++) {
      a += bytes[i] as number
      b += a
    }
    a %= 65521
    b %= 65521
  }
  return ((b << 16) | a) >>> 0
}
