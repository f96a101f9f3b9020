import { fileURLToPath } from 'node:url'
import { runEntry } from '../harness/child.ts'
import { definePart } from '../harness/part.ts'
import { RUNTIMES } from '../harness/runtime.ts'
import { startBenchServer } from '../harness/server.ts'
import { median, pairedRatio } from '../harness/stats.ts'
import { fmt, ratio, runtimeLabel, table } from '../report/markdown.ts'

const ENTRY = fileURLToPath(new URL('./entry.ts', import.meta.url))

/** What each client process runs. */
export interface ClientConfig {
  /** The ring server; `?n=` is added per run. */
  url: string
  events: number
  warmup: number
  rounds: number
}

/** One runtime's runs: seconds per stream, per client, per measured round. */
interface ClientRun {
  runtime: string
  version: string
  bytes: number
  contenders: { name: string; label: string; seconds: number[] }[]
}

/**
 * Events parsed per second from one fast stream over loopback HTTP, by `@ssekit/client`, the
 * `eventsource` package and raw eventsource-parser: one Node process serves the stream, another
 * on each runtime in turn reads it.
 */
export const clientPart = definePart<{ config: ClientConfig; runs: ClientRun[] }>({
  name: 'client',
  async run({ smoke, log }) {
    const server = await startBenchServer('node', 'ring')
    try {
      const config: ClientConfig = {
        url: server.url,
        events: smoke ? 2_000 : 200_000,
        warmup: smoke ? 0 : 2,
        rounds: smoke ? 1 : 9,
      }
      const runs: ClientRun[] = []
      for (const runtime of RUNTIMES) {
        log(runtime)
        runs.push(await runEntry(runtime, ENTRY, config, { timeoutMs: smoke ? 60_000 : 600_000 }))
      }
      return { config, runs }
    } finally {
      await server.stop()
    }
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
