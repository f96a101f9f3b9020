/** Checks for the options every stream takes, and the bytes that open a stream. */

export const DEFAULT_HEARTBEAT_MS: number = 15_000
export const DEFAULT_HIGH_WATER_MARK: number = 64 * 1024

const encoder = new TextEncoder()
// Shared by every stream without `retry`: a chunk is never written to, so one copy serves all.
const COMMENT = encoder.encode(':\n\n')

/** The first bytes of a stream: a comment, or the client's reconnection delay. */
export function openingBytes(retry: number | undefined): Uint8Array {
  return retry === undefined ? COMMENT : encoder.encode(`retry: ${retry}\n\n`)
}

/**
 * @param action What the caller was doing, for the message: `'open the stream'`.
 * @throws {TypeError | RangeError} `retry` is not a non-negative safe integer.
 */
export function checkRetryOption(retry: unknown, action = 'open the stream'): number {
  if (typeof retry !== 'number') {
    throw new TypeError(`Cannot ${action}: option \`retry\` must be a number`)
  }
  if (!Number.isSafeInteger(retry) || retry < 0) {
    throw new RangeError(
      `Cannot ${action}: option \`retry\` must be a non-negative safe integer, got ${String(retry)}`,
    )
  }
  return retry
}

/** @throws {RangeError} `highWaterMark` is not a positive number. */
export function checkHighWaterMark(bytes: number): number {
  if (!(bytes > 0)) {
    throw new RangeError(
      `Cannot open the stream: option \`highWaterMark\` must be a positive number, got ${String(bytes)}`,
    )
  }
  return bytes
}

/** @throws {RangeError} `heartbeat` is neither a positive number nor false. */
export function checkHeartbeat(interval: number | false, action = 'open the stream'): void {
  if (interval !== false && !(interval > 0)) {
    throw new RangeError(
      `Cannot ${action}: option \`heartbeat\` must be a positive number or false, got ${String(interval)}`,
    )
  }
}
