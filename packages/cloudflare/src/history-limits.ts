import type { HistoryLimits } from './event-log.ts'

/** What a channel object keeps when its class sets no `history`: as the in-memory channel. */
export const DEFAULT_HISTORY: HistoryLimits = { maxEvents: 1000, maxAge: 24 * 60 * 60_000 }

/** Throws a `RangeError` naming the field when a subclass's `history` is out of range. */
export function checkHistory(limits: HistoryLimits): HistoryLimits {
  const { maxEvents, maxAge } = limits
  if (!Number.isSafeInteger(maxEvents) || maxEvents < 0) {
    throw new RangeError(
      `Cannot keep history: \`maxEvents\` must be a non-negative safe integer, got ${String(maxEvents)}`,
    )
  }
  if (!(maxAge >= 0) || maxAge === Number.POSITIVE_INFINITY) {
    throw new RangeError(
      `Cannot keep history: \`maxAge\` must be a non-negative finite number of milliseconds, got ${String(maxAge)}`,
    )
  }
  return limits
}
