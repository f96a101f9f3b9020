/**
 * The rounds a step runs: `full`, or fewer with `BENCH_ROUNDS=1`, to prove a part on a busy
 * machine without its full length (the ratios then come from one interleaved round).
 */
export function roundsOr(full: number): number {
  const rounds = Number(process.env.BENCH_ROUNDS)
  return Number.isInteger(rounds) && rounds > 0 ? Math.min(rounds, full) : full
}
