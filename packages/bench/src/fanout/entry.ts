/**
 * Fan-out inside one runtime: one event published to many in-process subscribers, through the
 * channel (one encode) and through per-subscriber `sink.send` (one encode each), measured by
 * `benchFanout()` in measure.ts.
 */
import { emitResult, readConfig } from '../child-io.ts'
import { currentRuntime, currentRuntimeVersion } from '../runtime.ts'
import { benchFanout } from './measure.ts'
import type { FanoutConfig, FanoutResult, FanoutRun } from './types.ts'

const config = readConfig<FanoutConfig>()
const results: FanoutResult[] = []
for (const step of config.steps) results.push(await benchFanout(step))
const run: FanoutRun = { runtime: currentRuntime(), version: currentRuntimeVersion(), results }
emitResult(run)
