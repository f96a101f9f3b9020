import { fileURLToPath } from 'node:url'
import type { Part } from '../part.ts'
import { writePart } from '../results.ts'
import { runOnRuntimes } from '../run-on-runtimes.ts'
import type { LatencyConfig, LatencyRun } from './types.ts'

const ENTRY = fileURLToPath(new URL('./entry.ts', import.meta.url))

/** Lone-event latency: one write on an idle stream against a raw `enqueue`, on every runtime. */
export const latencyPart: Part = {
  name: 'latency',
  async run({ smoke, outDir, log }) {
    const config: LatencyConfig = { samples: smoke ? 20 : 3000 }
    const runs = await runOnRuntimes<LatencyRun>({
      part: 'latency',
      entry: ENTRY,
      config,
      timeoutMs: smoke ? 60_000 : 180_000,
      log,
      check(run, runtime) {
        for (const { path, us } of run.paths) {
          if (us.length !== config.samples) throw new Error(`${path} has no samples on ${runtime}`)
        }
      },
    })
    await writePart(outDir, 'latency', { config, runs }, smoke)
  },
}
