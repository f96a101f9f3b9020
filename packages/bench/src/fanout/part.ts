import { fileURLToPath } from 'node:url'
import type { Part } from '../part.ts'
import { runtimePart } from '../runtime-part.ts'
import type { FanoutConfig, FanoutRun } from './types.ts'

/** Fan-out: one event published to 1k, 10k and 50k in-process subscribers, on every runtime. */
export const fanoutPart: Part = runtimePart<FanoutConfig, FanoutRun>({
  name: 'fanout',
  entry: fileURLToPath(new URL('./entry.ts', import.meta.url)),
  full: {
    steps: [
      { subscribers: 1000, publishes: 300, warmup: 30 },
      { subscribers: 10_000, publishes: 100, warmup: 10 },
      { subscribers: 50_000, publishes: 30, warmup: 5 },
    ],
  },
  smoke: { steps: [{ subscribers: 50, publishes: 5, warmup: 2 }] },
  timeoutMs: { full: 300_000, smoke: 60_000 },
  check(run, runtime, config) {
    if (run.results.length !== config.steps.length) {
      throw new Error(`fanout: ${runtime} gave no result`)
    }
  },
})
