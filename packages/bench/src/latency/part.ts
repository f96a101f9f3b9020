import { fileURLToPath } from 'node:url'
import type { Part } from '../part.ts'
import { runtimePart } from '../runtime-part.ts'
import type { LatencyConfig, LatencyRun } from './types.ts'

/** Lone-event latency: one write on an idle stream against a raw `enqueue`, on every runtime. */
export const latencyPart: Part = runtimePart<LatencyConfig, LatencyRun>({
  name: 'latency',
  entry: fileURLToPath(new URL('./entry.ts', import.meta.url)),
  full: { samples: 3000 },
  smoke: { samples: 20 },
  timeoutMs: { full: 180_000, smoke: 60_000 },
  check(run, runtime, config) {
    for (const { path, us } of run.paths) {
      if (us.length !== config.samples) throw new Error(`${path} has no samples on ${runtime}`)
    }
  },
})
