import { fileURLToPath } from 'node:url'
import type { Part } from '../part.ts'
import { writePart } from '../results.ts'
import { runOnRuntimes } from '../run-on-runtimes.ts'
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

/** Fan-out: one event published to 1k, 10k and 50k in-process subscribers, on every runtime. */
export const fanoutPart: Part = {
  name: 'fanout',
  async run({ smoke, outDir, log }) {
    const config = smoke ? SMOKE : FULL
    const runs = await runOnRuntimes<FanoutRun>({
      part: 'fanout',
      entry: ENTRY,
      config,
      timeoutMs: smoke ? 60_000 : 300_000,
      log,
      check(run, runtime) {
        if (run.results.length !== config.steps.length) {
          throw new Error(`fanout: ${runtime} gave no result`)
        }
      },
    })
    await writePart(outDir, 'fanout', { config, runs }, smoke)
  },
}
