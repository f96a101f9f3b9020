/**
 * The throughput part inside one runtime (Node, Bun or Deno): every contender streams the same events, each
 * stream drained to its end, in interleaved rounds (A B C … A B C …) so drift hits all alike.
 */
import { emitResult, readConfig } from '../child-io.ts'
import { currentRuntime, currentRuntimeVersion } from '../runtime.ts'
import type { StreamRun } from './contenders/contender.ts'
import { CONTENDERS } from './contenders/index.ts'
import { drain } from './drain.ts'
import { MESSAGE_KINDS } from './messages.ts'
import type { ContenderSamples, ThroughputConfig, ThroughputRun } from './types.ts'
import { verify } from './verify.ts'

const config = readConfig<ThroughputConfig>()
const result: ThroughputRun = {
  runtime: currentRuntime(),
  version: currentRuntimeVersion(),
  kinds: [],
}

for (const kind of MESSAGE_KINDS) {
  const count = config.counts[kind.name]
  const all: ContenderSamples[] = []
  const runnable: { run: StreamRun; samples: ContenderSamples }[] = []
  for (const contender of CONTENDERS) {
    const samples: ContenderSamples = { contender: contender.name, ms: [], bytes: 0 }
    all.push(samples)
    try {
      const run = contender.prepare(kind)
      await verify(contender, run, kind, config.verifyCount)
      runnable.push({ run, samples })
    } catch (error) {
      samples.error = error instanceof Error ? error.message : String(error)
    }
  }
  for (let round = 0; round < config.warmup + config.rounds; round++) {
    // Rotate the order each round, so no contender always runs right after the same one.
    for (let k = 0; k < runnable.length; k++) {
      const entry = runnable[(round + k) % runnable.length]
      if (!entry) continue
      const start = performance.now()
      const bytes = await drain((await entry.run(count)).body)
      const elapsed = performance.now() - start
      if (round >= config.warmup) entry.samples.ms.push(elapsed)
      entry.samples.bytes = bytes
    }
  }
  result.kinds.push({ kind: kind.name, count, contenders: all })
}

emitResult(result)
