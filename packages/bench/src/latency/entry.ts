/**
 * The latency part inside one runtime: on an idle stream whose reader already waits, the time
 * from one write to its bytes coming out of `read()`, each path in turn.
 */
import { emitResult, readConfig } from '../harness/child.ts'
import { interleave } from '../harness/interleave.ts'
import { MESSAGE_KINDS } from '../messages.ts'
import type { LatencyConfig } from './part.ts'
import { LATENCY_PATHS } from './paths.ts'

const config = readConfig<LatencyConfig>()
const message = MESSAGE_KINDS[0]?.messages[0] as { data: unknown }
const streams = await Promise.all(LATENCY_PATHS.map((path) => path.open()))
const times = await interleave(
  streams.map((stream, index) => ({
    name: LATENCY_PATHS[index]?.path ?? '',
    // The read waits; then a macrotask turn, so the consumer's pull has run and nothing else is
    // in flight when the timed write starts. (In an object: a bare promise would be awaited.)
    prepare: async () => {
      const pending = stream.reader.read()
      await new Promise((resolve) => setTimeout(resolve, 0))
      return { pending }
    },
    run: async ({ pending }: { pending: Promise<ReadableStreamReadResult<Uint8Array>> }) => {
      stream.write(message)
      if (!(await pending).value?.byteLength) throw new Error('The write sent nothing')
    },
  })),
  { rounds: Math.ceil(config.samples / config.perRound), samples: config.perRound },
)
for (const stream of streams) stream.close()
emitResult({
  paths: LATENCY_PATHS.map(({ path, label }, i) => ({
    path,
    label,
    us: (times[i] ?? []).flat().map((ms) => ms * 1000),
  })),
})
