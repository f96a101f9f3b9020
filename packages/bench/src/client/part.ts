import { fileURLToPath } from 'node:url'
import { definePart, type RuntimeData, runtimeRun } from '../harness/part.ts'
import { startBenchServer } from '../harness/server.ts'
import { median, pairedRatio } from '../harness/stats.ts'
import { fmt, ratio, runtimeLabel, table } from '../report/markdown.ts'

/** What each client process runs: the ring server's URL (`?n=` is added) and its rounds. */
export type ClientConfig = { url: string; events: number; warmup: number; rounds: number }

/** One runtime's runs: bytes per stream, and seconds per stream per client per round. */
type Run = { bytes: number; contenders: { name: string; seconds: number[] }[] }

/**
 * Events parsed per second from one fast stream over loopback HTTP, by `@ssekit/client`, the
 * `eventsource` package and raw eventsource-parser: one Node process serves the stream, another
 * on each runtime in turn reads it.
 */
export const clientPart = definePart<RuntimeData<ClientConfig, Run>>({
  name: 'client',
  async run(context) {
    const { url, stop } = await startBenchServer('node', 'ring')
    const run = runtimeRun<ClientConfig, Run>(
      fileURLToPath(new URL('./entry.ts', import.meta.url)),
      {
        full: { url, events: 200_000, warmup: 2, rounds: 9 },
        smoke: { url, events: 2000, warmup: 0, rounds: 1 },
      },
    )
    return run(context).finally(stop)
  },
  report({ config, runs }) {
    const rows = runs.flatMap((run) => {
      const of = (name: string) => run.contenders.find((c) => c.name === name)?.seconds ?? []
      return run.contenders.map(({ name, seconds }) => [
        runtimeLabel(run),
        name === 'ssekit' ? '**@ssekit/client**' : name,
        fmt(config.events / median(seconds)),
        fmt(run.bytes / median(seconds) / 1e6),
        ratio(pairedRatio(seconds, of('eventsource'))),
        ratio(pairedRatio(seconds, of('eventsource-parser'))),
      ])
    })
    const columns = 'Runtime | Client | events/s | MB/s | × eventsource | × raw parser'
    return { blocks: { table: table(columns, rows) } }
  },
})
