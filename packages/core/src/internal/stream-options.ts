import { checkRetry } from '../encode.ts'

/** Checks for the options every stream takes, and the bytes that open a stream. */

export const DEFAULT_HEARTBEAT_MS: number = 15_000

/**
 * Bytes that may wait for a client before a stream's producer waits: the `highWaterMark` of a
 * stream given none, and the pace of a channel's replays.
 *
 * @example Pace a backend's writes like a stream's
 * ```ts
 * import { DEFAULT_HIGH_WATER_MARK } from '@ssekit/core/backend'
 * return new Response(`${DEFAULT_HIGH_WATER_MARK / 1024} KiB`)
 * ```
 */
export const DEFAULT_HIGH_WATER_MARK: number = 64 * 1024

const encoder = new TextEncoder()
// Shared by every stream without `retry`: a chunk is never written to, so one copy serves all.
const COMMENT = encoder.encode(':\n\n')

/** The first bytes of a stream: a comment, or the client's reconnection delay. */
export function openingBytes(retry: number | undefined): Uint8Array {
  return retry === undefined ? COMMENT : encoder.encode(`retry: ${retry}\n\n`)
}

/**
 * Checks a retry delay given as an option: a non-negative safe integer of milliseconds, or a
 * typed error that names the action and the option.
 *
 * @param retry The value as given.
 * @param action What the caller was doing, for the message: `'open the stream'`.
 * @param option The option's name, for the message.
 * @returns The delay.
 * @throws {TypeError | RangeError} `retry` is not a non-negative safe integer.
 *
 * @example A backend's own option
 * ```ts
 * import { checkRetryOption } from '@ssekit/core/backend'
 * const retryAfterReset = checkRetryOption(1500, 'create the channel', 'retryAfterReset')
 * return new Response(String(retryAfterReset))
 * ```
 */
export function checkRetryOption(
  retry: unknown,
  action = 'open the stream',
  option = 'retry',
): number {
  return checkRetry(retry, `Cannot ${action}: option \`${option}\``)
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

/**
 * Checks a heartbeat interval given as an option: a positive number of milliseconds, or `false`.
 *
 * @param interval The value as given.
 * @param action What the caller was doing, for the message: `'open the stream'`.
 * @throws {RangeError} `heartbeat` is neither a positive number nor false.
 *
 * @example A channel's default, checked where the channel is made
 * ```ts
 * import { checkHeartbeat } from '@ssekit/core/backend'
 * checkHeartbeat(20_000, 'create the channel')
 * return new Response('ok')
 * ```
 */
export function checkHeartbeat(interval: number | false, action = 'open the stream'): void {
  if (interval !== false && !(interval > 0)) {
    throw new RangeError(
      `Cannot ${action}: option \`heartbeat\` must be a positive number or false, got ${String(interval)}`,
    )
  }
}
