/**
 * The throughput part inside one runtime: every contender streams the same events, each stream
 * drained to its end, in interleaved rounds. Each contender is first checked by parsing its
 * output with eventsource-parser, so one that is fast because it is wrong never reaches a table.
 */
import { readEventStream } from '@ssekit/testkit/event-stream'
import { emitResult, readConfig } from '../harness/child.ts'
import { interleave } from '../harness/interleave.ts'
import { median } from '../harness/stats.ts'
import { checkEvents, MESSAGE_KINDS } from '../messages.ts'
import type { StreamRun } from '../report/rates.ts'
import { CONTENDERS } from './contenders.ts'
import type { ThroughputConfig } from './part.ts'

const config = readConfig<ThroughputConfig>()
const kinds: StreamRun['kinds'] = []
for (const kind of MESSAGE_KINDS) {
  const count = config.counts[kind.name]
  const bytes = CONTENDERS.map(() => 0)
  const trials = []
  for (const [index, contender] of CONTENDERS.entries()) {
    const stream = (count: number) => contender.stream(kind, count)
    const { events } = await readEventStream(await stream(config.verifyCount)).readToEnd()
    checkEvents(events, kind, config.verifyCount, contender.expectedData)
    trials.push({
      name: contender.name,
      run: async () => {
        const reader = (await stream(count)).body?.getReader()
        let total = 0
        for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
          total += read.value.byteLength
        }
        bytes[index] = total
      },
    })
  }
  const times = await interleave(trials, config)
  kinds.push({
    kind: kind.name,
    count,
    contenders: CONTENDERS.map(({ name }, i) => ({
      contender: name,
      ms: (times[i] ?? []).map(median),
      bytes: bytes[i] ?? 0,
    })),
  })
}
emitResult({ kinds })
