import type { PartFile } from '../results.ts'
import { median } from '../stats.ts'
import { COALESCE } from '../throughput/contenders/hand.ts'
import { MESSAGE_KINDS } from '../throughput/messages.ts'
import type { ThroughputConfig, ThroughputRun } from '../throughput/types.ts'
import { fmt, ours, ratio, type Section, table } from './markdown.ts'
import { barChart } from './svg.ts'

export interface ThroughputData {
  config: ThroughputConfig
  runs: ThroughputRun[]
}

/** One contender on one runtime for one message kind, reduced to medians. */
export interface ThroughputRow {
  runtime: string
  kind: string
  contender: string
  eventsPerSecond: number
  megabytesPerSecond: number
  /** Median over rounds of Hono's time / this contender's time in the same round. */
  vsHono: number
  /** The same against the coalesced hand-formatted limit. */
  vsLimit: number
}

const REFERENCE = 'hono'
const LIMIT = 'hand-coalesced'

/** Medians and paired per-round ratios, from the raw samples. */
export function summarizeThroughput(data: ThroughputData): ThroughputRow[] {
  const rows: ThroughputRow[] = []
  for (const run of data.runs) {
    for (const { kind, count, contenders } of run.kinds) {
      const byName = new Map(contenders.map((entry) => [entry.contender, entry]))
      const paired = (name: string, against: string) => {
        const mine = byName.get(name)?.ms ?? []
        const theirs = byName.get(against)?.ms ?? []
        const ratios = mine.flatMap((ms, i) => (theirs[i] ? [theirs[i] / ms] : []))
        return ratios.length ? median(ratios) : Number.NaN
      }
      for (const { contender, ms, bytes } of contenders) {
        if (ms.length === 0) continue
        const seconds = median(ms) / 1000
        rows.push({
          runtime: `${run.runtime} ${run.version}`,
          kind,
          contender,
          eventsPerSecond: count / seconds,
          megabytesPerSecond: bytes / seconds / 1e6,
          vsHono: paired(contender, REFERENCE),
          vsLimit: paired(contender, LIMIT),
        })
      }
    }
  }
  return rows
}

/** The claim the README quotes: ssekit against Hono and the limit, on Node, small JSON events. */
export function throughputHeadline(data: ThroughputData): ThroughputRow | undefined {
  return summarizeThroughput(data).find(
    (row) =>
      row.runtime.startsWith('node') && row.kind === 'small-json' && row.contender === 'ssekit',
  )
}

export function throughputSection(file: PartFile<ThroughputData>, chartDir: string): Section {
  const rows = summarizeThroughput(file.data)
  const { config } = file.data
  const charts: Section['charts'] = []
  const lines = [
    '## 1. Encode + stream throughput',
    '',
    'Each contender turns the same messages into a web `Response` whose body is drained to its end',
    'in the same process. Rounds interleave the contenders (A B C … then A B C … in a rotated',
    `order), ${config.warmup} warm-up rounds are dropped, and the ${config.rounds} measured rounds`,
    'give a median time per stream. Ratios are the median, over rounds, of the time ratio within',
    'the same round, so machine drift cancels out. Every contender is first checked by parsing its',
    `output with eventsource-parser (${config.verifyCount} events). A plain interleaved loop`,
    'rather than mitata or tinybench: each sample is a whole stream, and the A B A B order is',
    'the point.',
    '',
    '- **ssekit**: `sseResponse(async (sink) => { for (…) await sink.send(message) })`.',
    '- **ssekit-ready**: the same, but `const accepted = sink.send(message); if (!sink.ready && !(await accepted)) return`: it awaits only when the buffer is full (backpressure still holds).',
    '- **hono**: `streamSSE(c, async (stream) => { for (…) await stream.writeSSE(…) })` via `app.fetch`.',
    '- **h3**: `createEventStream(event)` + `await stream.push(…)` via `app.fetch` (h3 2.x).',
    '- **better-sse**: `createResponse(request, callback)` + `session.push()` (Fetch mode; no',
    '  backpressure, and it always writes `event:` and an `id:`, a random UUID when none is given).',
    '- **eventsource-encoder**: `encode()` + one `enqueue` per `pull()` of a `ReadableStream`.',
    '- **hand-chunked**: hand-formatted text, one `TextEncoder` call and one chunk per event.',
    `- **hand-coalesced**: hand-formatted, ${COALESCE} events joined per chunk, one \`TextEncoder\``,
    '  call per chunk: the practical limit.',
    '',
  ]
  for (const kind of MESSAGE_KINDS) {
    const kindRows = rows.filter((row) => row.kind === kind.name)
    if (kindRows.length === 0) continue
    lines.push(
      `### ${kind.label}, ${fmt(config.counts[kind.name])} events per stream`,
      '',
      table(
        ['Runtime', 'Contender', 'events/s', 'MB/s', '× Hono', '× limit'],
        kindRows.map((row) => [
          row.runtime,
          ours(row.contender),
          fmt(row.eventsPerSecond),
          fmt(row.megabytesPerSecond),
          ratio(row.vsHono),
          ratio(row.vsLimit),
        ]),
      ),
      '',
    )
    const chart = `throughput-${kind.name}.svg`
    charts.push({
      file: chart,
      svg: barChart({
        title: `Throughput, ${kind.label}`,
        unit: 'events/s, median',
        groups: [...new Set(kindRows.map((row) => row.runtime))].map((runtime) => ({
          label: runtime,
          bars: kindRows
            .filter((row) => row.runtime === runtime)
            .map((row) => ({
              label: row.contender,
              value: row.eventsPerSecond,
              series: row.contender,
            })),
        })),
      }),
    })
    lines.push(`![Throughput, ${kind.label}](${chartDir}/${chart})`, '')
  }
  return { markdown: lines.join('\n'), charts }
}
