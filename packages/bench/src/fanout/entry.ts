/**
 * Part 5 inside one runtime: one event published to many in-process subscribers, through the
 * channel (one encode) and through per-subscriber `sink.send` (one encode each). The measuring
 * code is the core's own (packages/core/test/channel/fanout-measure.ts, owned with the channel);
 * it is loaded by path because it is test code, not part of the package's exports.
 */
import { emitResult, readConfig } from '../child-io.ts'
import { currentRuntime, currentRuntimeVersion } from '../runtime.ts'
import type { FanoutConfig, FanoutResult, FanoutRun } from './types.ts'

export const FANOUT_MEASURE = new URL(
  '../../../core/test/channel/fanout-measure.ts',
  import.meta.url,
)

const { benchFanout } = (await import(FANOUT_MEASURE.href)) as {
  benchFanout(options: {
    subscribers: number
    publishes: number
    warmup: number
  }): Promise<FanoutResult>
}
const config = readConfig<FanoutConfig>()
const results: FanoutResult[] = []
for (const step of config.steps) results.push(await benchFanout(step))
const run: FanoutRun = { runtime: currentRuntime(), version: currentRuntimeVersion(), results }
emitResult(run)
