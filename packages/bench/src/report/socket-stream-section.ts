import type { PartFile } from '../results.ts'
import type { SocketStreamData } from '../socket-stream/part.ts'
import { median } from '../stats.ts'
import { MESSAGE_KINDS } from '../throughput/messages.ts'
import { fmt, ours, ratio, type Section, table } from './markdown.ts'
import { profileTable } from './profile-table.ts'
import { barChart } from './svg.ts'

/** One contender on one runtime for one message kind, over a real socket. */
export interface SocketStreamRow {
  runtime: string
  kind: string
  contender: string
  eventsPerSecond: number
  megabytesPerSecond: number
  /** Median over rounds of the hand-written limit's time / this contender's, same round. */
  vsLimit: number
  vsHono: number
}

/** Medians and paired per-round ratios. */
export function summarizeSocketStream(data: SocketStreamData): SocketStreamRow[] {
  return data.runs.flatMap((run) =>
    run.kinds.flatMap(({ kind, count, contenders }) => {
      const msOf = (name: string) => contenders.find((c) => c.contender === name)?.ms ?? []
      const paired = (mine: number[], theirs: number[]) => {
        const ratios = mine.flatMap((ms, i) => (theirs[i] ? [theirs[i] / ms] : []))
        return ratios.length ? median(ratios) : Number.NaN
      }
      return contenders
        .filter((c) => c.ms.length > 0)
        .map((c) => ({
          runtime: `${run.runtime} ${run.version}`,
          kind,
          contender: c.contender,
          eventsPerSecond: count / (median(c.ms) / 1000),
          megabytesPerSecond: c.bytes / (median(c.ms) / 1000) / 1e6,
          vsLimit: paired(c.ms, msOf('hand')),
          vsHono: paired(c.ms, msOf('hono')),
        }))
    }),
  )
}

export function socketStreamSection(file: PartFile<SocketStreamData>, chartDir: string): Section {
  const { plan, profiles } = file.data
  const rows = summarizeSocketStream(file.data)
  const charts: Section['charts'] = []
  const lines = [
    '## 6. One stream over a real connection',
    '',
    'Each runtime serves the contenders on its own HTTP server, one server process per framework',
    '(`src/socket-stream/server.ts`), all up at once. One load client, a separate Node process,',
    'streams from each in turn over a raw `net` socket to 127.0.0.1: it times a stream from the',
    'connect to its terminating chunk and counts body bytes with HTTP chunking undone. Each',
    'contender is first checked once: its body is parsed with eventsource-parser and every event',
    `compared with what was sent. ${plan.load.warmup} warm-up rounds, then ${plan.load.rounds}`,
    'measured rounds in a rotated order; ratios are medians of same-round ratios.',
    '',
    '- **ssekit**: `sse(c, async (sink) => { for (…) await sink.send(message) })` from `@ssekit/hono`.',
    "- **ssekit-direct** (Node only): the same route behind `directWrite()` from `@ssekit/hono/node`, which writes to Node's `ServerResponse` itself.",
    '- **ssekit-ready**: awaiting `send()` only when `!sink.ready`.',
    '- **hono**: `streamSSE` + `await stream.writeSSE()`; **h3**: `createEventStream` + `await push()` (srvx on Node).',
    '- **hand** (the limit): on Node `node:http` with 64 hand-formatted events per `res.write()`; on',
    '  Bun and Deno a `ReadableStream` enqueueing 64 events per chunk to `Bun.serve` / `Deno.serve`.',
    '',
  ]
  for (const kind of MESSAGE_KINDS) {
    const kindRows = rows.filter((row) => row.kind === kind.name)
    if (kindRows.length === 0) continue
    const count = plan.load.counts[kind.name] ?? 0
    lines.push(
      `### ${kind.label}, ${fmt(count)} events per stream`,
      '',
      table(
        ['Runtime', 'Contender', 'events/s', 'MB/s', '× limit', '× Hono'],
        kindRows.map((row) => [
          row.runtime,
          ours(row.contender),
          fmt(row.eventsPerSecond),
          fmt(row.megabytesPerSecond),
          ratio(row.vsLimit),
          ratio(row.vsHono),
        ]),
      ),
      '',
    )
    const chart = `socket-stream-${kind.name}.svg`
    charts.push({
      file: chart,
      svg: barChart({
        title: `One stream over a socket, ${kind.label}`,
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
    lines.push(`![One stream over a socket, ${kind.label}](${chartDir}/${chart})`, '')
  }
  if (profiles.length > 0) {
    const first = profiles[0]
    lines.push(
      '### Where a Node server spends its time',
      '',
      `Each server below streamed ${fmt(first?.streams ?? 0)} × ${fmt(first?.count ?? 0)} small JSON events under`,
      '`node --cpu-prof`; self time by the code it ran in, as a share of the busy (non-idle) time.',
      '',
      profileTable(
        profiles.map((p) => ({
          name: p.contender,
          summary: p.summary,
          units: p.streams * p.count,
        })),
        'event',
      ),
      '',
    )
  }
  return { markdown: lines.join('\n'), charts }
}
