/** The ticker's period when the client names none: once a second. */
export const DEFAULT_INTERVAL_MS = 1000
export const MIN_INTERVAL_MS = 50
export const MAX_INTERVAL_MS = 60_000

/**
 * Reads the `interval` query parameter: a whole number of milliseconds within bounds.
 *
 * @param raw The parameter as sent, or `undefined` when absent.
 * @returns The period in milliseconds.
 * @throws {RangeError} When the value is not a whole number from 50 to 60000.
 */
export function parseInterval(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_INTERVAL_MS
  const ms = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN
  if (ms >= MIN_INTERVAL_MS && ms <= MAX_INTERVAL_MS) return ms
  throw new RangeError(
    `Cannot start the ticker: \`interval\` must be a whole number of milliseconds from ${MIN_INTERVAL_MS} to ${MAX_INTERVAL_MS}, got ${JSON.stringify(raw)}`,
  )
}
