import { fileURLToPath } from 'node:url'
import type { Part } from '../part.ts'
import { runtimePart } from '../runtime-part.ts'
import type { ThroughputConfig, ThroughputRun } from './types.ts'

/** Encode + stream throughput: every contender streams the same events, on every runtime. */
export const throughputPart: Part = runtimePart<ThroughputConfig, ThroughputRun>({
  name: 'throughput',
  entry: fileURLToPath(new URL('./entry.ts', import.meta.url)),
  full: {
    rounds: 15,
    warmup: 3,
    counts: { 'small-json': 20_000, 'data-1kb': 5_000, 'multi-line': 10_000 },
    verifyCount: 300,
  },
  smoke: {
    rounds: 1,
    warmup: 0,
    counts: { 'small-json': 200, 'data-1kb': 50, 'multi-line': 100 },
    verifyCount: 50,
  },
  timeoutMs: { full: 240_000, smoke: 60_000 },
  check(run, runtime, config) {
    for (const { kind, contenders } of run.kinds) {
      for (const { contender, ms, error } of contenders) {
        // Every peer runs on every runtime today: a failure means the bench (or a peer) broke.
        if (error) throw new Error(`${contender} failed on ${runtime} (${kind}): ${error}`)
        if (ms.length !== config.rounds) throw new Error(`${contender} has no samples`)
      }
    }
  },
})
