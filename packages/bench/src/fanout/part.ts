import { fileURLToPath } from 'node:url'
import { definePart, type RuntimeData, runtimeRun } from '../harness/part.ts'
import { fmt, ratio, runtimeLabel, table } from '../report/markdown.ts'
import type { FanoutResult } from './entry.ts'

/** The steps each runtime runs: subscribers, and publishes timed after `warmup` uncounted ones. */
export type FanoutConfig = { steps: { subscribers: number; publishes: number; warmup: number }[] }

const BASELINE = 'baseline delivered p50 | baseline delivered p99 | gain (p50) | encodes'

/** Fan-out in process: one event to 1k, 10k and 50k subscribers, on every runtime. */
export const fanoutPart = definePart<RuntimeData<FanoutConfig, { results: FanoutResult[] }>>({
  name: 'fanout',
  run: runtimeRun(fileURLToPath(new URL('./entry.ts', import.meta.url)), {
    full: {
      steps: [
        { subscribers: 1000, publishes: 300, warmup: 30 },
        { subscribers: 10_000, publishes: 100, warmup: 10 },
        { subscribers: 50_000, publishes: 30, warmup: 5 },
      ],
    },
    smoke: { steps: [{ subscribers: 50, publishes: 5, warmup: 2 }] },
  }),
  report({ runs }) {
    const rows = runs.flatMap((run) => run.results.map((result) => ({ run, ...result })))
    const node = rows.find((row) => row.run.runtime === 'node' && row.subscribers === 10_000)
    const { p99 } = node?.channel.publish ?? { p99: Number.NaN }
    return {
      blocks: {
        table: table(
          `Runtime | Subscribers | publish p50 | publish p99 | delivered p50 | delivered p99 | ${BASELINE}`,
          rows.map(({ run, subscribers, publishes, channel, baseline }) => [
            runtimeLabel(run),
            fmt(subscribers, 6),
            fmt(channel.publish.p50),
            fmt(channel.publish.p99),
            fmt(channel.delivered.p50),
            fmt(channel.delivered.p99),
            fmt(baseline.delivered.p50),
            fmt(baseline.delivered.p99),
            ratio(baseline.delivered.p50 / channel.delivered.p50),
            `${fmt(channel.encodes, 6)} / ${fmt(publishes, 6)}`,
          ]),
        ),
      },
      targets: [
        {
          id: 'fanout-publish',
          target: 'Node: publish to 10 000 subscribers, p99 < 5 ms',
          measured: `publish ${fmt(p99)} ms, delivered ${fmt(node?.channel.delivered.p99 ?? Number.NaN)} ms`,
          ok: p99 < 5,
        },
      ],
    }
  },
})
