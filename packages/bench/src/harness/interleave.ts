import { measure } from 'mitata'

/** One thing to time in process: a whole stream, one event, one client read. */
export interface Trial<Prepared = undefined> {
  name: string
  /** Runs before each sample, outside its time (e.g. a read that waits for the timed write). */
  prepare?: () => Prepared | Promise<Prepared>
  /** The timed call. */
  run(prepared: Prepared): unknown
}

/** How many rounds, and how many samples of each trial per round. */
export interface InterleaveOptions {
  rounds: number
  /** Rounds run first and dropped. @defaultValue 0 */
  warmup?: number
  /** @defaultValue 1 */
  samples?: number
}

/**
 * Times trials in rounds that rotate their order (A B C, then B C A, …), so drift on a shared
 * machine hits all of them alike and same-round ratios cancel it out. mitata takes each round's
 * samples: one uncounted call first (the trial's code warm again after the others ran), then
 * `samples` calls, each timed on its own with the runtime's nanosecond clock, none dropped.
 *
 * @returns Per trial, per measured round, the samples in milliseconds (sorted).
 */
export async function interleave(
  // biome-ignore lint/suspicious/noExplicitAny: each trial prepares its own kind of value
  trials: readonly Trial<any>[],
  { rounds, warmup = 0, samples = 1 }: InterleaveOptions,
): Promise<number[][][]> {
  const times = trials.map((): number[][] => [])
  // mitata fills in what it is not given: a fresh copy per call.
  const options = () => ({
    min_samples: samples,
    max_samples: samples,
    min_cpu_time: 0,
    warmup_threshold: 0,
    batch_threshold: 0,
    samples_threshold: Number.POSITIVE_INFINITY,
    gc: false,
  })
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < trials.length; k++) {
      const index = (round + k) % trials.length
      const trial = trials[index] as Trial<unknown>
      const stats = trial.prepare
        ? await measure(function* () {
            yield { 0: trial.prepare, bench: (prepared: unknown) => trial.run(prepared) }
          }, options())
        : await measure(() => trial.run(undefined), options())
      if (round >= warmup) times[index]?.push(stats.samples.map((ns) => ns / 1e6))
    }
  }
  return times
}
