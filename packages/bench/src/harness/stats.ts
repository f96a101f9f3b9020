/**
 * The one place the bench turns samples into numbers: every part and every report section reads
 * its percentiles from here, so a p99 means the same thing in every table. No samples give NaN,
 * which a table shows as `n/a`.
 */

/** The value below which `p` percent of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

/** The middle sample: what an interleaved run reports, since it ignores the noisy tails. */
export const median = (samples: readonly number[]): number => percentile(samples, 50)

/** The arithmetic mean. */
export const mean = (samples: readonly number[]): number =>
  samples.reduce((total, value) => total + value, 0) / samples.length

/**
 * How many times as fast `mine` is as `theirs`, round by round: the median over rounds of
 * `theirs[i] / mine[i]` (times taken in the same round), so drift between rounds cancels out.
 */
export function pairedRatio(mine: readonly number[], theirs: readonly number[]): number {
  return median(mine.flatMap((value, i) => (theirs[i] ? [(theirs[i] as number) / value] : [])))
}
