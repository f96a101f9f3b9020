import type { ClientConfig, ClientRun } from '../client/types.ts'
import type { PartFile } from '../results.ts'
import { median } from '../stats.ts'
import { fmt, ratio, type Section, table } from './markdown.ts'

export interface ClientData {
  config: ClientConfig
  runs: ClientRun[]
}

/** Per runtime and contender: median events/s, and the median in-round ratios to the others. */
export function summarizeClient(data: ClientData) {
  return data.runs.flatMap((run) => {
    const of = (name: string) => run.contenders.find((c) => c.name === name)?.seconds ?? []
    const raw = of('eventsource-parser')
    const polyfill = of('eventsource')
    // A ratio of speeds within each round, then the median over rounds: drift cancels out.
    const vs = (seconds: number[], base: number[]) =>
      median(seconds.map((s, round) => (base[round] ?? Number.NaN) / s))
    return run.contenders.map((contender) => ({
      runtime: `${run.runtime} ${run.version}`,
      name: contender.name,
      label: contender.label,
      eventsPerSecond: data.config.events / median(contender.seconds),
      megabytesPerSecond: run.bytes / median(contender.seconds) / 1e6,
      vsRaw: vs(contender.seconds, raw),
      vsEventsource: vs(contender.seconds, polyfill),
    }))
  })
}

export function clientSection(file: PartFile<ClientData>): Section {
  const { config } = file.data
  const rows = summarizeClient(file.data)
  const markdown = [
    '## 11. Client: events parsed per second',
    '',
    'One Node process serves a stream of the small JSON events of part 1 (`event: price`, an',
    `\`id:\`, ~0.1 KB) as fast as the socket takes them, ${fmt(config.events, 6)} events per`,
    'stream. Another process, on each runtime in turn, reads it over loopback HTTP with each',
    `client in a rotated order (${config.warmup} warm-up rounds dropped, ${config.rounds} measured).`,
    'Each client must end on the last event’s ID, or the run fails. Ratios are speeds taken within',
    'the same round, then the median over rounds.',
    '',
    ...rows
      .filter((row, index, all) => all.findIndex((r) => r.name === row.name) === index)
      .map((row) => `- **${row.name}**: ${row.label}.`),
    '',
    table(
      ['Runtime', 'Client', 'events/s', 'MB/s', '× eventsource', '× raw parser'],
      rows.map((row) => [
        row.runtime,
        row.name === 'ssekit' ? '**@ssekit/client**' : row.name,
        fmt(row.eventsPerSecond),
        fmt(row.megabytesPerSecond),
        ratio(row.vsEventsource),
        ratio(row.vsRaw),
      ]),
    ),
    '',
  ].join('\n')
  return { markdown, charts: [] }
}
