/**
 * The one place the bench turns samples into numbers: every part and every report section reads
 * its percentiles from here, so a p99 means the same thing in every table.
 */

/** The value below which `p` percent of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('Cannot take a percentile of no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number
}

/** The middle sample: what an interleaved run reports, since it ignores the noisy tails. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50)
}

/** The arithmetic mean. */
export function mean(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('Cannot take the mean of no samples')
  return samples.reduce((total, value) => total + value, 0) / samples.length
}

/**
 * How many times as fast `mine` is as `theirs`, round by round: the median over rounds of
 * `theirs[i] / mine[i]` (times taken in the same round), so drift between rounds cancels out.
 * NaN when no round has both.
 */
export function pairedRatio(mine: readonly number[], theirs: readonly number[]): number {
  const ratios = mine.flatMap((value, i) => (theirs[i] ? [(theirs[i] as number) / value] : []))
  return ratios.length ? median(ratios) : Number.NaN
}
