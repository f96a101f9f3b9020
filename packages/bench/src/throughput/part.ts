import { fileURLToPath } from 'node:url'
import { definePart, type RuntimeData, runtimeRun } from '../harness/part.ts'
import { median, pairedRatio } from '../harness/stats.ts'
import { MESSAGE_KINDS, type MessageKindName } from '../messages.ts'
import { fmt, ours, ratio, runtimeLabel, table } from '../report/markdown.ts'

/** What each runtime runs: rounds of every contender, per message kind. */
export interface ThroughputConfig {
  rounds: number
  warmup: number
  counts: Record<MessageKindName, number>
  /** Events per stream in the parsed check before the timed rounds. */
  verifyCount: number
}

/** One runtime's samples: per kind and contender, ms per stream per round and bytes per stream. */
export interface ThroughputRun {
  kinds: {
    kind: MessageKindName
    count: number
    contenders: { contender: string; ms: number[]; bytes: number }[]
  }[]
}

/** Per runtime, kind and contender: median rates, and same-round ratios to Hono and the limit. */
export function summarize({ runs }: RuntimeData<ThroughputConfig, ThroughputRun>) {
  return runs.flatMap((run) =>
    run.kinds.flatMap(({ kind, count, contenders }) => {
      const ms = (name: string) => contenders.find((c) => c.contender === name)?.ms ?? []
      return contenders.map((c) => ({
        runtime: runtimeLabel(run),
        kind,
        contender: c.contender,
        eventsPerSecond: count / (median(c.ms) / 1000),
        megabytesPerSecond: c.bytes / (median(c.ms) / 1000) / 1e6,
        vsHono: pairedRatio(c.ms, ms('hono')),
        vsLimit: pairedRatio(c.ms, ms('hand-coalesced')),
      }))
    }),
  )
}

const compact = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumSignificantDigits: 3,
})

/** Encode + stream throughput in process: every contender streams the same events. */
export const throughputPart = definePart<RuntimeData<ThroughputConfig, ThroughputRun>>({
  name: 'throughput',
  run: runtimeRun<ThroughputConfig, ThroughputRun>({
    entry: fileURLToPath(new URL('./entry.ts', import.meta.url)),
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
    timeoutMs: 600_000,
  }),
  report(data) {
    const rows = summarize(data)
    const node = rows.filter(
      (r) => r.runtime.startsWith('node') && r.contender.startsWith('ssekit'),
    )
    const head = node.find((r) => r.kind === 'small-json' && r.contender === 'ssekit')
    const blocks: Record<string, string> = {
      headline: head
        ? `ssekit streams ${compact.format(head.eventsPerSecond)} events/s, ${ratio(head.vsHono)} ` +
          `Hono \`streamSSE\` and ${ratio(head.vsLimit)} the hand-coalesced limit`
        : 'n/a',
    }
    for (const { name } of MESSAGE_KINDS) {
      blocks[name] = table(
        ['Runtime', 'Contender', 'events/s', 'MB/s', '× Hono', '× limit'],
        rows
          .filter((row) => row.kind === name)
          .map((row) => [
            row.runtime,
            ours(row.contender),
            fmt(row.eventsPerSecond),
            fmt(row.megabytesPerSecond),
            ratio(row.vsHono),
            ratio(row.vsLimit),
          ]),
      )
    }
    const targets = node.flatMap((row) => [
      {
        id: 'throughput-hono',
        target: `Node ${row.kind}: ${row.contender} ≥ 4× Hono streamSSE`,
        measured: ratio(row.vsHono),
        ok: row.vsHono >= 4,
      },
      {
        id: 'throughput-limit',
        target: `Node ${row.kind}: ${row.contender} ≥ 0.8× the coalesced limit`,
        measured: ratio(row.vsLimit),
        ok: row.vsLimit >= 0.8,
      },
    ])
    return { blocks, targets }
  },
})
