import type { PartFile } from '../results.ts'
import type { ConnectionsData } from './connections-section.ts'
import type { FanoutData } from './fanout-section.ts'
import { type LatencyData, summarizeLatency } from './latency-section.ts'
import { fmt, ratio, type Section, table } from './markdown.ts'
import { type SocketTargetParts, socketTargetRows } from './socket-targets.ts'
import { targetRow } from './target-row.ts'
import { summarizeThroughput, type ThroughputData } from './throughput-section.ts'

/** The project's speed and memory targets, read off the results: no test asserts them. */
export function targetsSection(
  parts: {
    throughput: PartFile<ThroughputData> | undefined
    latency: PartFile<LatencyData> | undefined
    connections: PartFile<ConnectionsData> | undefined
    fanout: PartFile<FanoutData> | undefined
  } & SocketTargetParts,
): Section {
  const rows: string[][] = []
  if (parts.throughput) {
    const node = summarizeThroughput(parts.throughput.data).filter(
      (row) => row.runtime.startsWith('node') && row.contender.startsWith('ssekit'),
    )
    for (const row of node) {
      rows.push(
        targetRow(
          'throughput-hono',
          `Node ${row.kind}: ${row.contender} ≥ 4× Hono streamSSE`,
          ratio(row.vsHono),
          row.vsHono >= 4,
        ),
        targetRow(
          'throughput-limit',
          `Node ${row.kind}: ${row.contender} ≥ 0.8× the coalesced limit`,
          ratio(row.vsLimit),
          row.vsLimit >= 0.8,
        ),
      )
    }
  }
  if (parts.latency) {
    for (const row of summarizeLatency(parts.latency.data)) {
      if (row.path !== 'ssekit') continue
      rows.push(
        targetRow(
          'latency-raw',
          `${row.runtime}: lone-event latency no worse than a raw enqueue (p50)`,
          `${fmt(row.p50)} µs, ${ratio(row.vsRaw)} raw`,
          row.vsRaw <= 1,
        ),
      )
    }
  }
  if (parts.fanout) {
    const node = parts.fanout.data.runs.find((run) => run.runtime === 'node')
    const step = node?.results.find((result) => result.subscribers === 10_000)
    if (step) {
      rows.push(
        targetRow(
          'fanout-publish',
          'Node: publish to 10 000 subscribers, p99 < 5 ms',
          `publish ${fmt(step.channel.publish.p99)} ms, delivered ${fmt(step.channel.delivered.p99)} ms`,
          step.channel.publish.p99 < 5,
        ),
      )
    }
  }
  rows.push(...socketTargetRows({ ...parts, connections: parts.connections }))
  const markdown = [
    '## Targets',
    '',
    'Read from the results below, never asserted by a test. A miss names its reason; the analysis',
    'at the end has the evidence.',
    '',
    table(['Target', 'Measured', '', 'Why missed'], rows),
    '',
  ].join('\n')
  return { markdown, charts: [] }
}
