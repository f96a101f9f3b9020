import type { PartFile } from '../results.ts'
import type { SocketFanoutData } from '../socket-fanout/part.ts'
import type { SocketStreamData } from '../socket-stream/part.ts'
import type { ConnectionsData } from './connections-section.ts'
import { fmt, ratio } from './markdown.ts'
import { summarizeSocketFanout } from './socket-fanout-section.ts'
import { summarizeSocketStream } from './socket-stream-section.ts'
import { targetRow } from './target-row.ts'

/** The parts the socket-level targets read. */
export interface SocketTargetParts {
  socketStream?: PartFile<SocketStreamData> | undefined
  socketFanout?: PartFile<SocketFanoutData> | undefined
  connections: PartFile<ConnectionsData> | undefined
}

const OURS = ['ssekit', 'ssekit-direct']
const name = (runtime: string) => runtime.split(' ')[0] ?? runtime

/** Targets at the socket: one stream, fan-out to real sockets, idle streams to the ceiling. */
export function socketTargetRows(parts: SocketTargetParts): string[][] {
  const rows: string[][] = []
  if (parts.socketStream) {
    for (const row of summarizeSocketStream(parts.socketStream.data)) {
      if (!OURS.includes(row.contender)) continue
      rows.push(
        targetRow(
          `stream:${name(row.runtime)}:${row.contender}:${row.kind}`,
          `${name(row.runtime)} one stream over a socket, ${row.kind}: ${row.contender} ≥ 0.9× the limit`,
          ratio(row.vsLimit),
          row.vsLimit >= 0.9,
        ),
      )
    }
  }
  if (parts.socketFanout) {
    for (const row of summarizeSocketFanout(parts.socketFanout.data)) {
      if (!OURS.includes(row.contender)) continue
      const where = `${name(row.runtime)} fan-out to ${fmt(row.subscribers, 6)} sockets`
      const id = `${name(row.runtime)}:${row.contender}:${row.subscribers}`
      rows.push(
        targetRow(
          `fanout-rate:${id}`,
          `${where}: ${row.contender} delivered/s ≥ 0.8× hand-written`,
          ratio(row.vsHand),
          row.vsHand >= 0.8,
        ),
        targetRow(
          `fanout-hono:${id}`,
          `${where}: ${row.contender} delivered/s ≥ 3× Hono`,
          ratio(row.vsHono),
          row.vsHono >= 3,
        ),
        targetRow(
          `fanout-p99:${id}`,
          `${where}: ${row.contender} p99 at 10/s ≤ 1.3× hand-written`,
          `${fmt(row.p99)} ms, ${ratio(row.p99VsHand)}`,
          row.p99VsHand <= 1.3,
        ),
      )
    }
  }
  if (parts.connections) {
    const runs = parts.connections.data.runs
    for (const runtime of ['node', 'bun']) {
      const find = (server: string, connections: number) =>
        runs.find(
          (r) => r.runtime === runtime && r.server === server && r.connections === connections,
        )
      const top = find('ssekit', 18_000)
      const held = !!top && !top.error && top.client.withHeartbeat === 18_000
      rows.push(
        targetRow(
          `idle-18k:${runtime}`,
          `${runtime}: 18 000 idle streams held, every heartbeat delivered`,
          top ? `${fmt(top.client.withHeartbeat, 6)} / 18,000` : 'not run',
          held,
        ),
      )
      // The largest size both servers held: heap per connection against Hono's.
      const sizes = [...new Set(runs.map((r) => r.connections))].sort((a, b) => b - a)
      const size = sizes.find((n) => {
        const [ours, theirs] = [find('ssekit', n), find('hono', n)]
        return ours && theirs && !ours.error && !theirs.error
      })
      const perConnection = (server: string) => {
        const run = size === undefined ? undefined : find(server, size)
        return run ? ((run.loaded.heap ?? 0) - (run.baseline.heap ?? 0)) / run.connections : 0
      }
      const heapRatio = perConnection('ssekit') / perConnection('hono')
      rows.push(
        targetRow(
          `idle-heap:${runtime}`,
          `${runtime}: heap per idle stream ≤ 0.5× Hono's`,
          size === undefined
            ? 'not run'
            : `${ratio(heapRatio)} at ${fmt(size, 6)} (${fmt(perConnection('ssekit') / 1024)} vs ${fmt(perConnection('hono') / 1024)} KiB)`,
          heapRatio <= 0.5,
        ),
      )
    }
  }
  return rows
}
