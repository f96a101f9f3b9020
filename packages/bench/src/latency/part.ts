import { fileURLToPath } from 'node:url'
import { parseResult } from '../child-io.ts'
import { type Part, RUNTIMES } from '../part.ts'
import { writePart } from '../results.ts'
import { runChild, runtimeCommand } from '../spawn.ts'
import type { LatencyConfig, LatencyRun } from './types.ts'

const ENTRY = fileURLToPath(new URL('./entry.ts', import.meta.url))

/** Part 2: lone-event latency against a raw `enqueue`, on every runtime. */
export const latencyPart: Part = {
  name: 'latency',
  async run({ smoke, outDir, log }) {
    const config: LatencyConfig = { samples: smoke ? 20 : 3000 }
    const runs: LatencyRun[] = []
    for (const runtime of RUNTIMES) {
      log(`latency: ${runtime}`)
      const { stdout } = await runChild(runtimeCommand(runtime, ENTRY), {
        env: { BENCH_CONFIG: JSON.stringify(config) },
        timeoutMs: smoke ? 60_000 : 180_000,
      })
      const run = parseResult<LatencyRun>(stdout)
      for (const { path, us } of run.paths) {
        if (us.length !== config.samples) throw new Error(`${path} has no samples on ${runtime}`)
      }
      runs.push(run)
    }
    await writePart(outDir, 'latency', { config, runs }, smoke)
  },
}
