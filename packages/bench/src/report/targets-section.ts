import type { PartFile } from '../results.ts'
import type { ConnectionsData } from './connections-section.ts'
import type { FanoutData } from './fanout-section.ts'
import { type LatencyData, summarizeLatency } from './latency-section.ts'
import { fmt, ratio, type Section, table } from './markdown.ts'
import { summarizeThroughput, type ThroughputData } from './throughput-section.ts'

const met = (ok: boolean) => (ok ? '✅ met' : '❌ missed')

/** The project's speed and memory targets, read off the results: no test asserts them. */
export function targetsSection(parts: {
  throughput: PartFile<ThroughputData> | undefined
  latency: PartFile<LatencyData> | undefined
  connections: PartFile<ConnectionsData> | undefined
  fanout: PartFile<FanoutData> | undefined
}): Section {
  const rows: string[][] = []
  if (parts.throughput) {
    const node = summarizeThroughput(parts.throughput.data).filter(
      (row) => row.runtime.startsWith('node') && row.contender.startsWith('ssekit'),
    )
    for (const row of node) {
      rows.push([
        `Node ${row.kind}: ${row.contender} ≥ 4× Hono streamSSE`,
        ratio(row.vsHono),
        met(row.vsHono >= 4),
      ])
      rows.push([
        `Node ${row.kind}: ${row.contender} ≥ 0.8× the coalesced limit`,
        ratio(row.vsLimit),
        met(row.vsLimit >= 0.8),
      ])
    }
  }
  if (parts.latency) {
    for (const row of summarizeLatency(parts.latency.data)) {
      if (row.path !== 'ssekit') continue
      rows.push([
        `${row.runtime}: lone-event latency no worse than a raw enqueue (p50)`,
        `${fmt(row.p50)} µs, ${ratio(row.vsRaw)} raw`,
        met(row.vsRaw <= 1),
      ])
    }
  }
  if (parts.connections) {
    for (const runtime of ['node', 'bun']) {
      const run = parts.connections.data.runs.find(
        (r) => r.runtime === runtime && r.server === 'ssekit' && r.connections === 10_000,
      )
      const all = !!run && !run.error && run.client.withHeartbeat === 10_000
      rows.push([
        `${runtime}: 10 000 idle connections held, every heartbeat delivered`,
        run ? `${fmt(run.client.withHeartbeat, 6)} / 10,000` : 'not run',
        met(all),
      ])
    }
  }
  if (parts.fanout) {
    const node = parts.fanout.data.runs.find((run) => run.runtime === 'node')
    const step = node?.results.find((result) => result.subscribers === 10_000)
    if (step) {
      rows.push([
        'Node: publish to 10 000 subscribers, p99 < 5 ms',
        `publish ${fmt(step.channel.publish.p99)} ms, delivered ${fmt(step.channel.delivered.p99)} ms`,
        met(step.channel.publish.p99 < 5),
      ])
    }
  }
  const markdown = [
    '## Targets',
    '',
    'Read from the results below, never asserted by a test.',
    '',
    table(['Target', 'Measured', ''], rows),
    '',
  ].join('\n')
  return { markdown, charts: [] }
}
