/**
 * A content coding this package produces.
 *
 * @example Offer gzip alone
 * ```ts
 * import { type ContentCoding, compression } from '@ssekit/compress'
 * import { sseResponse } from '@ssekit/core'
 * const encodings: ContentCoding[] = ['gzip']
 * return sseResponse(() => {}, { compress: compression(request, { encodings }) })
 * ```
 */
export type ContentCoding = 'gzip' | 'br' | 'deflate'

/**
 * Options for {@link compression}.
 *
 * @example Prefer Brotli, keep gzip for the rest
 * ```ts
 * import { type CompressionOptions, compression } from '@ssekit/compress'
 * import { sseResponse } from '@ssekit/core'
 * const options: CompressionOptions = { encodings: ['br', 'gzip'], brotliQuality: 5 }
 * return sseResponse(() => {}, { signal: request.signal, compress: compression(request, options) })
 * ```
 */
export interface CompressionOptions {
  /**
   * The codings to offer, in the server's order of preference: among those the client accepts
   * with the same weight, the first wins. gzip and deflate keep a stream's memory to its window
   * (none once it is idle); Brotli holds an encoder of some 300 KiB per stream as long as it
   * lives, so it comes after gzip unless you choose otherwise.
   * @defaultValue `['gzip', 'br', 'deflate']`
   */
  encodings?: readonly ContentCoding[] | undefined
  /**
   * gzip and deflate: the compression level, 1 (fastest) to 9 (smallest).
   * @defaultValue 6
   */
  level?: number | undefined
  /**
   * gzip and deflate: the window is `2^windowBits` bytes (9 to 15), the memory a stream holds
   * while it is busy. A larger window finds more repeats in earlier events.
   * @defaultValue 13 (8 KiB)
   */
  windowBits?: number | undefined
  /**
   * Brotli: the quality, 0 to 11. Above 6 it costs far more CPU per event for little gain on
   * small events; 0 and 1 do not look back across events at all.
   * @defaultValue 5
   */
  brotliQuality?: number | undefined
  /**
   * Brotli: the window is `2^brotliWindowBits` bytes (10 to 24).
   * @defaultValue 16
   */
  brotliWindowBits?: number | undefined
}

/** The options, checked, with the defaults filled in. */
export interface CompressionSettings {
  encodings: readonly ContentCoding[]
  level: number
  windowBits: number
  brotliQuality: number
  brotliWindowBits: number
}

const CODINGS: readonly ContentCoding[] = ['gzip', 'br', 'deflate']

/** @throws {TypeError | RangeError} An option is invalid. */
export function compressionSettings(options: CompressionOptions): CompressionSettings {
  const encodings = options.encodings ?? CODINGS
  if (!Array.isArray(encodings)) {
    throw new TypeError('Cannot compress: option `encodings` must be an array of codings')
  }
  for (const coding of encodings) {
    if (!CODINGS.includes(coding)) {
      throw new TypeError(
        `Cannot compress: option \`encodings\` may hold 'gzip', 'br' and 'deflate', got ${JSON.stringify(coding)}`,
      )
    }
  }
  return {
    encodings,
    level: integerIn(options.level ?? 6, 1, 9, 'level'),
    windowBits: integerIn(options.windowBits ?? 13, 9, 15, 'windowBits'),
    brotliQuality: integerIn(options.brotliQuality ?? 5, 0, 11, 'brotliQuality'),
    brotliWindowBits: integerIn(options.brotliWindowBits ?? 16, 10, 24, 'brotliWindowBits'),
  }
}

function integerIn(value: unknown, min: number, max: number, option: string): number {
  if (typeof value !== 'number') {
    throw new TypeError(
      `Cannot compress: option \`${option}\` must be a number, got ${typeof value}`,
    )
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `Cannot compress: option \`${option}\` must be an integer from ${min} to ${max}, got ${value}`,
    )
  }
  return value
}
