/**
 * `pnpm --filter @ssekit/bench compare-core <rev>`: is the core now slower than at git revision
 * `<rev>` (default `main`)? Builds that core aside, then on Node, Bun and Deno runs the throughput
 * part's ssekit producers and the in-process fan-out with both cores interleaved in one process,
 * and prints the medians and the median of same-round ratios (above 1: faster now). The result
 * goes to `results/core-compare.json`, which BENCHMARKS.md quotes.
 */
import { fileURLToPath } from 'node:url'
import { parseResult } from '../child-io.ts'
import { runChild } from '../child-process.ts'
import { RUNTIMES } from '../part.ts'
import { RESULTS_DIR, writePart } from '../results.ts'
import { runtimeCommand } from '../runtime-command.ts'
import { median } from '../stats.ts'
import { buildCoreAt } from './build-before.ts'
import type { CompareConfig, CompareRun } from './types.ts'

const rev = process.argv[2] ?? 'main'
const entry = fileURLToPath(new URL('./entry.ts', import.meta.url))
const config: CompareConfig = {
  before: await buildCoreAt(rev),
  counts: { 'small-json': 20_000, 'data-1kb': 5_000, 'multi-line': 10_000 },
  rounds: 15,
  warmup: 3,
  fanout: [1000, 10_000],
  fanoutRounds: 4,
  publishes: 60,
}
const runs: CompareRun[] = []
for (const runtime of RUNTIMES) {
  const { stdout } = await runChild(runtimeCommand(runtime, entry), {
    env: { BENCH_CONFIG: JSON.stringify(config) },
    timeoutMs: 600_000,
  })
  const run = parseResult<CompareRun>(stdout)
  runs.push(run)
  for (const row of run.rows) {
    const ratios = row.after.map((after, i) => (row.before[i] ?? Number.NaN) / after)
    console.log(
      `${runtime} ${row.what}: ${median(row.before).toFixed(3)} → ${median(row.after).toFixed(3)} ${row.unit}, ${median(ratios).toFixed(2)}× as fast`,
    )
  }
}
await writePart(RESULTS_DIR, 'core-compare', { rev, runs }, false)
