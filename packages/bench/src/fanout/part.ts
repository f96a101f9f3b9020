import { fileURLToPath } from 'node:url'
import { parseResult } from '../child-io.ts'
import { type Part, RUNTIMES } from '../part.ts'
import { writePart } from '../results.ts'
import { runChild, runtimeCommand } from '../spawn.ts'
import type { FanoutConfig, FanoutRun } from './types.ts'

const ENTRY = fileURLToPath(new URL('./entry.ts', import.meta.url))

const FULL: FanoutConfig = {
  steps: [
    { subscribers: 1000, publishes: 300, warmup: 30 },
    { subscribers: 10_000, publishes: 100, warmup: 10 },
    { subscribers: 50_000, publishes: 30, warmup: 5 },
  ],
}
const SMOKE: FanoutConfig = { steps: [{ subscribers: 50, publishes: 5, warmup: 2 }] }

/** Part 5 (issue 5): publish one event to 1k, 10k and 50k in-process subscribers. */
export const fanoutPart: Part = {
  name: 'fanout',
  async run({ smoke, outDir, log }) {
    const config = smoke ? SMOKE : FULL
    const runs: FanoutRun[] = []
    for (const runtime of RUNTIMES) {
      log(`fanout: ${runtime}`)
      const { stdout } = await runChild(runtimeCommand(runtime, ENTRY), {
        env: { BENCH_CONFIG: JSON.stringify(config) },
        timeoutMs: smoke ? 60_000 : 300_000,
      })
      const run = parseResult<FanoutRun>(stdout)
      if (run.results.length !== config.steps.length)
        throw new Error(`fanout: ${runtime} gave no result`)
      runs.push(run)
    }
    await writePart(outDir, 'fanout', { config, runs }, smoke)
  },
}
