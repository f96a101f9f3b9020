import { readPart } from './results.ts'
import { RUNTIMES, type RuntimeName } from './runtime.ts'

const ALL_RUNTIMES: readonly RuntimeName[] = ['node', 'bun', 'deno']

type Runs = { runs: { runtime: string }[] }
const hasRuns = (data: unknown): data is Runs => Array.isArray((data as Partial<Runs> | null)?.runs)

/**
 * A part's new data, with the runs of the runtimes that `BENCH_RUNTIMES` left out carried over
 * from its previous results: re-running Node alone must not drop the Bun and Deno rows.
 * Data without per-runtime `runs` is returned as it is.
 */
export async function withEarlierRuntimes(dir: string, part: string, data: unknown) {
  if (!hasRuns(data)) return data
  const previous = (await readPart(dir, part))?.data
  if (!hasRuns(previous)) return data
  // Only runs of a runtime this run skipped: runs of no runtime (a Worker's) are always re-run.
  const skipped = ALL_RUNTIMES.filter((runtime) => !RUNTIMES.includes(runtime))
  const left = previous.runs.filter((run) => (skipped as readonly string[]).includes(run.runtime))
  return { ...data, runs: [...data.runs, ...left] }
}
