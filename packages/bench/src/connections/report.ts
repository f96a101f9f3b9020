import type { PartReport } from '../harness/part.ts'
import { fmt, ours, ratio, runtimeLabel, table } from '../report/markdown.ts'
import type { ConnectionsRun } from './measure.ts'

const [KIB, MIB] = [1024, 1024 * 1024]

// Memory per held stream, from the server's own view after a full GC.
const perStream = (run: ConnectionsRun | undefined, field: 'rss' | 'heap') =>
  !run || run.error ? Number.NaN : (run.loaded[field] - run.baseline[field]) / run.connections

function held(run: ConnectionsRun): string[] {
  const { client, error = '' } = run
  const all = client.withHeartbeat === client.requested && client.open === client.requested
  return [
    runtimeLabel(run),
    ours(run.server),
    fmt(run.connections, 6),
    `${fmt(client.withHeartbeat, 6)} / ${fmt(client.requested, 6)} ${all ? '✅' : '❌'}`,
    fmt(perStream(run, 'rss') / KIB),
    fmt(perStream(run, 'heap') / KIB),
    error ? 'n/a' : fmt(run.loaded.rss / MIB),
    client.openMs ? fmt(client.openMs / 1000, 2) : 'n/a',
    error.length > 160 ? `${error.slice(0, 157)}…` : error,
  ]
}

function cleanup({
  baseline,
  after,
  connections,
  statsZeroMs,
  heapBackMs,
  ...run
}: ConnectionsRun) {
  return [
    runtimeLabel(run),
    ours(run.server),
    fmt(connections, 6),
    statsZeroMs === null ? 'never (20 s)' : fmt(statsZeroMs),
    heapBackMs === null ? 'not within 10 s' : fmt(heapBackMs),
    `${fmt(after.heap / MIB)} / ${fmt(baseline.heap / MIB)}`,
    fmt(Math.max(0, after.heap - baseline.heap) / connections),
    fmt(after.rss / MIB),
  ]
}

/** Idle streams held (memory, heartbeats), their cleanup, and the idle-stream targets. */
export function report({ runs }: { runs: ConnectionsRun[] }): PartReport {
  const targets = ['node', 'bun'].flatMap((runtime) => {
    const find = (server: string, size: number) =>
      runs.find(
        (r) => r.runtime === runtime && r.server === server && r.connections === size && !r.error,
      )
    const top = find('ssekit', 18_000)?.client.withHeartbeat
    // The largest size both servers held: heap per stream against Hono's.
    const sizes = [...new Set(runs.map((r) => r.connections))].sort((a, b) => b - a)
    const size = sizes.find((n) => find('ssekit', n) && find('hono', n)) ?? Number.NaN
    const [ssekit, hono] = ['ssekit', 'hono'].map(
      (server) => perStream(find(server, size), 'heap') / KIB,
    )
    const heap = (ssekit as number) / (hono as number)
    const measured = `${ratio(heap)} at ${fmt(size, 6)} (${fmt(ssekit as number)} vs ${fmt(hono as number)} KiB)`
    return [
      {
        id: `idle-18k:${runtime}`,
        target: `${runtime}: 18 000 idle streams held, every heartbeat delivered`,
        measured: top === undefined ? 'not run' : `${fmt(top, 6)} / 18,000`,
        ok: top === 18_000,
      },
      {
        id: `idle-heap:${runtime}`,
        target: `${runtime}: heap per idle stream ≤ 0.5× Hono's`,
        measured: Number.isNaN(size) ? 'not run' : measured,
        ok: heap <= 0.5,
      },
    ]
  })
  const heldColumns = 'Runtime | Server | Connections | Heartbeat received | RSS / conn (KiB)'
  const cleanupColumns =
    'Runtime | Server | Dropped | `/stats` = 0 after (ms) | Heap back after (ms)'
  return {
    blocks: {
      table: table(
        `${heldColumns} | Heap / conn (KiB) | Server RSS (MiB) | Open time (s) | Note`,
        runs.map(held),
      ),
      cleanup: table(
        `${cleanupColumns} | Heap after / before (MiB) | Heap kept / conn (bytes) | RSS after (MiB)`,
        runs.filter((run) => !run.error).map(cleanup),
      ),
    },
    targets,
  }
}
