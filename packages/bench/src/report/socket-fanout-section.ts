import type { PartFile } from '../results.ts'
import type { SocketFanoutData } from '../socket-fanout/part.ts'
import type { FanoutRound } from '../socket-fanout/types.ts'
import { median, percentile } from '../stats.ts'
import { fmt, ours, ratio, type Section, table } from './markdown.ts'
import { profileTable } from './profile-table.ts'
import { barChart } from './svg.ts'

/** One contender on one runtime at one size, over its rounds. */
export interface SocketFanoutRow {
  runtime: string
  subscribers: number
  contender: string
  /** Delivered messages per second in the bursts, median over rounds. */
  rate: number
  /** Same-round ratios of the rate, median over rounds. */
  vsHand: number
  vsHono: number
  p50: number
  p99: number
  p99VsHand: number
  /** Server CPU time per delivered message in the bursts, µs, median over rounds. */
  cpuMicros: number
  errors: string[]
}

const rateOf = (round: FanoutRound) =>
  (round.subscribers * round.burst.events) / (round.burst.ms / 1000)

/** Medians, pooled latency percentiles and same-round ratios, from the rounds. */
export function summarizeSocketFanout(data: SocketFanoutData): SocketFanoutRow[] {
  const rows: SocketFanoutRow[] = []
  for (const run of data.runs) {
    for (const subscribers of [...new Set(run.rounds.map((round) => round.subscribers))]) {
      const at = run.rounds.filter((round) => round.subscribers === subscribers)
      const ok = (name: string) => at.filter((r) => r.contender === name && !r.error)
      const pooled = (name: string) => ok(name).flatMap((round) => round.latencyMs)
      const paired = (mine: FanoutRound[], other: string) => {
        const ratios = mine.flatMap((round) => {
          const theirs = ok(other).find((r) => r.round === round.round)
          return theirs ? [rateOf(round) / rateOf(theirs)] : []
        })
        return ratios.length ? median(ratios) : Number.NaN
      }
      const handP99 = pooled('hand').length ? percentile(pooled('hand'), 99) : Number.NaN
      for (const contender of [...new Set(at.map((round) => round.contender))]) {
        const rounds = ok(contender)
        const latency = pooled(contender)
        const p99 = latency.length ? percentile(latency, 99) : Number.NaN
        rows.push({
          runtime: `${run.runtime} ${run.version}`,
          subscribers,
          contender,
          rate: rounds.length ? median(rounds.map(rateOf)) : Number.NaN,
          vsHand: paired(rounds, 'hand'),
          vsHono: paired(rounds, 'hono'),
          p50: latency.length ? percentile(latency, 50) : Number.NaN,
          p99,
          p99VsHand: p99 / handP99,
          cpuMicros: rounds.length
            ? median(rounds.map((r) => r.burst.cpuMicros / (r.subscribers * r.burst.events)))
            : Number.NaN,
          errors: at.filter((r) => r.contender === contender && r.error).map((r) => r.error ?? ''),
        })
      }
    }
  }
  return rows
}

export function socketFanoutSection(file: PartFile<SocketFanoutData>, chartDir: string): Section {
  const { plan, profiles } = file.data
  const rows = summarizeSocketFanout(file.data)
  const [first] = plan.steps
  const lines = [
    '## 7. Fan-out to real sockets',
    '',
    'One server process per contender and runtime (`src/socket-fanout/server.ts`), all up at once;',
    'one load client, a separate Node process, holds every subscriber on a raw socket to',
    '127.0.0.1 (chunking undone) and drives the broadcasts over a control port, a raw TCP socket',
    'that costs every contender the same. Per round and contender, in a rotated order: it opens',
    `N subscribers, publishes ${fmt(first?.latencyEvents ?? 0)} events ${fmt(1000 / (first?.intervalMs ?? 100))} per second (**p50/p99**: from`,
    'the publish command to the last byte of that event on the last socket), then a burst of',
    'events back to back, each in its own macrotask turn on the server (**delivered/s**: N × events',
    "/ time to the last byte on the last socket), reading the server's `process.cpuUsage()`",
    'around it (**CPU µs/msg**). Each event has the same length on the wire, so most sockets count',
    `bytes; ${plan.sampled} sampled sockets per round parse every event with eventsource-parser and must`,
    'see exactly what was published, and every socket must end on a whole number of events.',
    "Ratios are medians of same-round ratios; p99 pools every round's samples.",
    '',
    "- **ssekit**: one `createChannel()`, `channel.subscribe(c.req.raw)` in a Hono route on the runtime's server.",
    '- **ssekit-direct** (Node only): the same behind `directWrite()` from `@ssekit/hono/node`.',
    '- **hono**: `streamSSE` per subscriber, each listening on one `EventEmitter` and calling `writeSSE()`.',
    '- **hand** (the limit): on Node `node:http`, one `Buffer` per event `res.write()` to every',
    '  response; on Bun and Deno one `ReadableStream` per client, the same bytes enqueued to each.',
    '- **hand-web** (Node only): that Bun/Deno broadcast on Node, through `@hono/node-server`: the',
    '  least a fetch-style server pays per chunk.',
    '',
    `${plan.steps.map((step) => `${fmt(step.subscribers, 6)} subscribers: ${step.rounds} rounds, bursts of ${step.burstEvents}`).join('; ')}.`,
    '',
    table(
      [
        'Runtime',
        'Subscribers',
        'Contender',
        'delivered/s',
        '× hand',
        '× Hono',
        'p50 ms',
        'p99 ms',
        'p99 × hand',
        'CPU µs/msg',
        'Note',
      ],
      rows.map((row) => [
        row.runtime,
        fmt(row.subscribers, 6),
        ours(row.contender),
        fmt(row.rate),
        ratio(row.vsHand),
        ratio(row.vsHono),
        fmt(row.p50),
        fmt(row.p99),
        ratio(row.p99VsHand),
        fmt(row.cpuMicros),
        row.errors.length
          ? `${row.errors.length} round(s) failed: ${row.errors[0]?.replace(/\|/g, '/').slice(0, 80)}`
          : '',
      ]),
    ),
    '',
  ]
  const groups = [...new Set(rows.map((row) => `${row.runtime}, ${fmt(row.subscribers, 6)}`))]
  const chart = (
    file: string,
    title: string,
    unit: string,
    value: (row: SocketFanoutRow) => number,
  ) => ({
    file,
    svg: barChart({
      title,
      unit,
      groups: groups.map((label) => ({
        label,
        bars: rows
          .filter((row) => `${row.runtime}, ${fmt(row.subscribers, 6)}` === label)
          .filter((row) => Number.isFinite(value(row)))
          .map((row) => ({ label: row.contender, value: value(row), series: row.contender })),
      })),
    }),
  })
  const charts = [
    chart(
      'socket-fanout-rate.svg',
      'Fan-out to real sockets: delivered messages',
      'per second, median',
      (r) => r.rate,
    ),
    chart(
      'socket-fanout-p99.svg',
      'Fan-out to real sockets: publish to last byte at 10 events/s',
      'p99, ms',
      (r) => r.p99,
    ),
  ]
  lines.push(
    `![Fan-out to real sockets: delivered messages per second](${chartDir}/socket-fanout-rate.svg)`,
    '',
    `![Fan-out to real sockets: p99 publish to last byte](${chartDir}/socket-fanout-p99.svg)`,
    '',
  )
  if (profiles.length > 0) {
    const step = profiles[0]?.step
    lines.push(
      '### Where a Node server spends its time in a fan-out',
      '',
      `Each server below ran ${step?.rounds} rounds of a burst of ${step?.burstEvents} events to ${fmt(step?.subscribers ?? 0, 6)} sockets under`,
      '`node --cpu-prof`; self time by the code it ran in, as a share of the busy time (opening the',
      'sockets included).',
      '',
      profileTable(
        profiles.map((p) => ({
          name: p.contender,
          summary: p.summary,
          units: p.rounds
            .filter((r) => !r.error)
            .reduce((n, r) => n + r.subscribers * r.burst.events, 0),
        })),
        'delivered message',
      ),
      '',
    )
  }
  return { markdown: lines.join('\n'), charts }
}
