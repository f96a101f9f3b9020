const SEQUENCE = /^[1-9]\d{0,15}$/

/** Orders two event IDs of a channel object, decimal sequence numbers; `NaN` for others. */
export function compareSequenceIds(a: string, b: string): number {
  if (!SEQUENCE.test(a) || !SEQUENCE.test(b)) return Number.NaN
  return Number(a) - Number(b)
}
