/**
 * The client part inside one runtime: every client reads the same stream from the ring server,
 * in interleaved rounds, and must end on the last event's ID.
 */
import { emitResult, readConfig } from '../harness/child.ts'
import { interleave } from '../harness/interleave.ts'
import { median } from '../harness/stats.ts'
import { CLIENT_CONTENDERS } from './contenders.ts'
import type { ClientConfig } from './part.ts'
import { lastId, streamBytes } from './ring.ts'

const config = readConfig<ClientConfig>()
const url = `${config.url}?n=${config.events}`
const times = await interleave(
  CLIENT_CONTENDERS.map(({ name, read }) => ({
    name,
    run: async () => {
      const last = await read(url, config.events)
      if (last !== lastId(config.events))
        throw new Error(`${name} lost events: it ended on ${last}`)
    },
  })),
  config,
)
emitResult({
  bytes: streamBytes(config.events),
  contenders: CLIENT_CONTENDERS.map(({ name, label }, i) => ({
    name,
    label,
    seconds: (times[i] ?? []).map((ms) => median(ms) / 1000),
  })),
})
