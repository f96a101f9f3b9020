import { fileURLToPath } from 'node:url'
import type { Part } from '../part.ts'
import { writePart } from '../results.ts'
import { runOnRuntimes } from '../run-on-runtimes.ts'
import type { ThroughputConfig, ThroughputRun } from './types.ts'

const ENTRY = fileURLToPath(new URL('./entry.ts', import.meta.url))

const FULL: ThroughputConfig = {
  rounds: 15,
  warmup: 3,
  counts: { 'small-json': 20_000, 'data-1kb': 5_000, 'multi-line': 10_000 },
  verifyCount: 300,
}

const SMOKE: ThroughputConfig = {
  rounds: 1,
  warmup: 0,
  counts: { 'small-json': 200, 'data-1kb': 50, 'multi-line': 100 },
  verifyCount: 50,
}

/** Encode + stream throughput: every contender streams the same events, on every runtime. */
export const throughputPart: Part = {
  name: 'throughput',
  async run({ smoke, outDir, log }) {
    const config = smoke ? SMOKE : FULL
    const runs = await runOnRuntimes<ThroughputRun>({
      part: 'throughput',
      entry: ENTRY,
      config,
      timeoutMs: smoke ? 60_000 : 240_000,
      log,
      check(run, runtime) {
        for (const { kind, contenders } of run.kinds) {
          for (const { contender, ms, error } of contenders) {
            // Every peer runs on every runtime today: a failure means the bench (or a peer) broke.
            if (error) throw new Error(`${contender} failed on ${runtime} (${kind}): ${error}`)
            if (ms.length !== config.rounds) throw new Error(`${contender} has no samples`)
          }
        }
      },
    })
    await writePart(outDir, 'throughput', { config, runs }, smoke)
  },
}
