// A channel's IDs are the decimal numbers 1, 2, 3, … its Durable Object issues, without leading
// zeros. Anything else is an ID it never issued.
const SEQUENCE_ID = /^[1-9]\d{0,15}$/

/** The number in a canonical ID, or `undefined` for an ID the channel could not have issued. */
export function parseSequenceId(id: string): number | undefined {
  if (!SEQUENCE_ID.test(id)) return undefined
  const seq = Number(id)
  return Number.isSafeInteger(seq) ? seq : undefined
}

/**
 * Orders two canonical IDs as numbers: negative if `a` came first. Digit strings without leading
 * zeros order by length, then character by character, so no number is parsed on the hot path.
 */
export function compareSequenceIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}
