/**
 * The latency part inside one runtime: on an idle stream whose reader already waits, the time from one
 * write to its bytes coming out of `read()`. Paths alternate sample by sample.
 */
import { emitResult, readConfig } from '../child-io.ts'
import { currentRuntime, currentRuntimeVersion } from '../runtime.ts'
import { MESSAGE_KINDS } from '../throughput/messages.ts'
import { LATENCY_PATHS } from './paths.ts'
import type { LatencyConfig, LatencyRun } from './types.ts'

const config = readConfig<LatencyConfig>()
const message = MESSAGE_KINDS[0]?.messages[0]
if (!message) throw new Error('No message to send')
const idle = () => new Promise((resolve) => setTimeout(resolve, 0))

const streams = await Promise.all(LATENCY_PATHS.map((path) => path.open()))
const samples = LATENCY_PATHS.map(() => [] as number[])
const warmup = Math.min(200, config.samples)
for (let i = 0; i < warmup + config.samples; i++) {
  for (const [index, stream] of streams.entries()) {
    const pending = stream.reader.read()
    // A macrotask turn: the consumer's pull has run and nothing else is in flight.
    await idle()
    const start = performance.now()
    stream.write(message)
    const { done, value } = await pending
    const elapsed = performance.now() - start
    if (done || !value?.byteLength) throw new Error(`${LATENCY_PATHS[index]?.path} sent nothing`)
    if (i >= warmup) samples[index]?.push(elapsed * 1000)
  }
}
for (const stream of streams) stream.close()

const result: LatencyRun = {
  runtime: currentRuntime(),
  version: currentRuntimeVersion(),
  paths: LATENCY_PATHS.map(({ path, label }, index) => ({ path, label, us: samples[index] ?? [] })),
}
emitResult(result)
