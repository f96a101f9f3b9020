import { fileURLToPath } from 'node:url'
import { definePart, type RuntimeData, runtimeRun } from '../harness/part.ts'
import type { MessageKindName } from '../messages.ts'
import { ratio } from '../report/markdown.ts'
import { rateRows, rateTables, type StreamRun } from '../report/rates.ts'

/** What each runtime runs: rounds of every contender, per message kind. */
export interface ThroughputConfig {
  rounds: number
  warmup: number
  counts: Record<MessageKindName, number>
  /** Events per stream in the parsed check before the timed rounds. */
  verifyCount: number
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 })

/** Encode + stream throughput in process: every contender streams the same events. */
export const throughputPart = definePart<RuntimeData<ThroughputConfig, StreamRun>>({
  name: 'throughput',
  run: runtimeRun<ThroughputConfig, StreamRun>(
    fileURLToPath(new URL('./entry.ts', import.meta.url)),
    {
      full: {
        rounds: 15,
        warmup: 3,
        counts: { 'small-json': 20_000, 'data-1kb': 5_000, 'multi-line': 10_000 },
        verifyCount: 300,
      },
      smoke: {
        rounds: 1,
        warmup: 0,
        counts: { 'small-json': 200, 'data-1kb': 50, 'multi-line': 100 },
        verifyCount: 50,
      },
    },
  ),
  report({ runs }) {
    const rows = rateRows(runs, ['hono', 'hand-coalesced'])
    const node = rows.filter((r) => r.runtime === 'node' && r.contender.startsWith('ssekit'))
    const head = node.find((r) => r.kind === 'small-json' && r.contender === 'ssekit')
    const [hono = Number.NaN, limit = Number.NaN] = head?.vs ?? []
    const headline = `ssekit streams ${compact.format(head?.eventsPerSecond ?? Number.NaN)} events/s, ${ratio(hono)} Hono \`streamSSE\` and ${ratio(limit)} the hand-coalesced limit`
    return {
      blocks: { headline, ...rateTables(rows, ['× Hono', '× limit']) },
      targets: node.flatMap(
        ({ kind, contender, vs: [vsHono = Number.NaN, vsLimit = Number.NaN] }) => [
          {
            id: 'throughput-hono',
            target: `Node ${kind}: ${contender} ≥ 4× Hono streamSSE`,
            measured: ratio(vsHono),
            ok: vsHono >= 4,
          },
          {
            id: 'throughput-limit',
            target: `Node ${kind}: ${contender} ≥ 0.8× the coalesced limit`,
            measured: ratio(vsLimit),
            ok: vsLimit >= 0.8,
          },
        ],
      ),
    }
  },
})
