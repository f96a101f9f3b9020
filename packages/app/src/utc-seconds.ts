/**
 * Formats a time as RFC 3339 in UTC with second precision: `2026-11-23T20:05:44Z`.
 *
 * @param date The time to format.
 * @returns The timestamp, without fractional seconds.
 */
export function utcSeconds(date: Date): string {
  // toISOString() is always `YYYY-MM-DDTHH:mm:ss.sssZ` for years 0 to 9999.
  return `${date.toISOString().slice(0, 19)}Z`
}
