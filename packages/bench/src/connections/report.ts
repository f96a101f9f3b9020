import type { PartReport } from '../harness/part.ts'
import { fmt, ours, ratio, table } from '../report/markdown.ts'
import type { ConnectionsRun } from './measure.ts'

const KIB = 1024
const MIB = 1024 * 1024

const label = (run: ConnectionsRun) => `${run.runtime} ${run.version}`

// Memory per held stream, from the server's own view after a full GC.
const perStream = (run: ConnectionsRun, field: 'rss' | 'heap') => {
  const [loaded, baseline] = [run.loaded[field], run.baseline[field]]
  return run.error || loaded === null || baseline === null
    ? Number.NaN
    : (loaded - baseline) / run.connections
}

/** Idle streams (memory, heartbeats) and their cleanup, and the idle-stream targets. */
export function report({ runs }: { runs: ConnectionsRun[] }): PartReport {
  const held = runs.map((run) => {
    const { client } = run
    const all = client.withHeartbeat === client.requested && client.open === client.requested
    const note = run.error ?? ''
    return [
      label(run),
      ours(run.server),
      fmt(run.connections, 6),
      `${fmt(client.withHeartbeat, 6)} / ${fmt(client.requested, 6)}${all ? ' ✅' : ' ❌'}`,
      fmt(perStream(run, 'rss') / KIB),
      fmt(perStream(run, 'heap') / KIB),
      run.error ? 'n/a' : fmt(run.loaded.rss / MIB),
      client.openMs ? fmt(client.openMs / 1000, 2) : 'n/a',
      note.length > 160 ? `${note.slice(0, 157)}…` : note,
    ]
  })
  const cleanup = runs
    .filter((run) => !run.error)
    .map((run) => {
      const [before, after] = [run.baseline.heap, run.after.heap]
      const seen = before !== null && after !== null
      return [
        label(run),
        ours(run.server),
        fmt(run.connections, 6),
        run.statsZeroMs === null ? 'never (20 s)' : fmt(run.statsZeroMs),
        before === null
          ? 'n/a (no heap view)'
          : run.heapBackMs === null
            ? 'not within 10 s'
            : fmt(run.heapBackMs),
        seen ? `${fmt(after / MIB)} / ${fmt(before / MIB)}` : 'n/a',
        seen ? fmt(Math.max(0, after - before) / run.connections) : 'n/a',
        fmt(run.after.rss / MIB),
      ]
    })
  const targets = ['node', 'bun'].flatMap((runtime) => {
    const find = (server: string, size: number) =>
      runs.find(
        (r) => r.runtime === runtime && r.server === server && r.connections === size && !r.error,
      )
    const top = find('ssekit', 18_000)
    // The largest size both servers held: heap per stream against Hono's.
    const size = [...new Set(runs.map((r) => r.connections))]
      .sort((a, b) => b - a)
      .find((n) => find('ssekit', n) && find('hono', n))
    const heap = (server: string) =>
      size === undefined ? Number.NaN : perStream(find(server, size) as ConnectionsRun, 'heap')
    const heapRatio = heap('ssekit') / heap('hono')
    return [
      {
        id: `idle-18k:${runtime}`,
        target: `${runtime}: 18 000 idle streams held, every heartbeat delivered`,
        measured: top ? `${fmt(top.client.withHeartbeat, 6)} / 18,000` : 'not run',
        ok: top?.client.withHeartbeat === 18_000,
      },
      {
        id: `idle-heap:${runtime}`,
        target: `${runtime}: heap per idle stream ≤ 0.5× Hono's`,
        measured:
          size === undefined
            ? 'not run'
            : `${ratio(heapRatio)} at ${fmt(size, 6)} (${fmt(heap('ssekit') / KIB)} vs ${fmt(heap('hono') / KIB)} KiB)`,
        ok: heapRatio <= 0.5,
      },
    ]
  })
  return {
    blocks: {
      table: table(
        [
          'Runtime',
          'Server',
          'Connections',
          'Heartbeat received',
          'RSS / conn (KiB)',
          'Heap / conn (KiB)',
        ].concat(['Server RSS (MiB)', 'Open time (s)', 'Note']),
        held,
      ),
      cleanup: table(
        ['Runtime', 'Server', 'Dropped', '`/stats` = 0 after (ms)', 'Heap back after (ms)'].concat([
          'Heap after / before (MiB)',
          'Heap kept / conn (bytes)',
          'RSS after (MiB)',
        ]),
        cleanup,
      ),
    },
    targets,
  }
}
