import type { ConnectionsRun } from '../connections/types.ts'
import type { PartFile } from '../results.ts'
import { fmt, ours, type Section, table } from './markdown.ts'
import { lineChart } from './svg.ts'

export interface ConnectionsData {
  plan: { sizes: number[]; heartbeatMs: number; watchMs: number }
  runs: ConnectionsRun[]
}

const KIB = 1024
export const MIB: number = 1024 * 1024

export function runtimeLabel(run: ConnectionsRun): string {
  // Older results carried the runtime's name in `version` too.
  return `${run.runtime} ${run.version.replace(`${run.runtime} `, '')}`
}

function perConnection(run: ConnectionsRun, field: 'rss' | 'heap'): string {
  const loaded = run.loaded[field]
  const baseline = run.baseline[field]
  if (run.error || loaded === null || baseline === null) return 'n/a'
  return fmt((loaded - baseline) / run.connections / KIB)
}

// The load client's own count stands even when a later step of the run failed.
function heartbeats(run: ConnectionsRun): string {
  const { client } = run
  const all = client.withHeartbeat === client.requested && client.open === client.requested
  return `${fmt(client.withHeartbeat, 6)} / ${fmt(client.requested, 6)}${all ? ' ✅' : ' ❌'}`
}

function note(run: ConnectionsRun): string {
  if (!run.error) return ''
  const text = run.error.replace(/\|/g, '/')
  return text.length > 160 ? `${text.slice(0, 157)}…` : text
}

/** Idle connections at scale: memory per idle connection and heartbeat delivery. */
export function connectionsSection(file: PartFile<ConnectionsData>, chartDir: string): Section {
  const { plan, runs } = file.data
  const chart = 'memory-vs-connections.svg'
  const series = [...new Set(runs.map((run) => `${run.runtime} ${run.server}`))].map((key) => ({
    label: key,
    group: key.split(' ')[0] ?? key,
    dashed: key.endsWith('hono'),
    points: runs
      .filter((run) => `${run.runtime} ${run.server}` === key && !run.error)
      .map(
        (run) => [run.connections, (run.loaded.rss - run.baseline.rss) / MIB] as [number, number],
      ),
  }))
  const markdown = [
    '## 3. Idle connections at scale',
    '',
    'A fresh server process per row (`src/connections/server.ts`) serves an idle `GET /sse` whose only',
    `traffic is a heartbeat comment every ${fmt(plan.heartbeatMs)} ms, on the runtime's own server`,
    '(`@hono/node-server`, `Bun.serve`, `Deno.serve`) through Hono, as the runtime apps do:',
    '**ssekit** is `sse(c, () => {}, { heartbeat })` from `@ssekit/hono`; **hono** is',
    '`streamSSE` with the `sleep` + `write(":\\n\\n")` loop Hono users write. The shared app has no',
    'heartbeat knob (its default is 15 s), hence this entry.',
    'The load client is a separate Node process with raw `net` sockets to 127.0.0.1 (the open-files',
    `limit raised to its hard maximum); it opens every stream, then counts over ${fmt(plan.watchMs)} ms`,
    'the heartbeat comments each stream receives (HTTP chunking undone, SSE parsed with',
    "eventsource-parser). Memory is the server's own `process.memoryUsage()` after a full GC, before",
    'any client and with every connection held.',
    '',
    table(
      [
        'Runtime',
        'Server',
        'Connections',
        'Heartbeat received',
        'RSS / conn (KiB)',
        'Heap / conn (KiB)',
        'Server RSS (MiB)',
        'Open time (s)',
        'Note',
      ],
      runs.map((run) => [
        runtimeLabel(run),
        ours(run.server),
        fmt(run.connections, 6),
        heartbeats(run),
        perConnection(run, 'rss'),
        perConnection(run, 'heap'),
        run.error ? 'n/a' : fmt(run.loaded.rss / MIB),
        run.client.openMs ? fmt(run.client.openMs / 1000, 2) : 'n/a',
        note(run),
      ]),
    ),
    '',
    `![Server memory against idle connections](${chartDir}/${chart})`,
    '',
  ].join('\n')
  return {
    markdown,
    charts: [
      {
        file: chart,
        svg: lineChart({
          title: 'Server RSS growth against idle SSE connections',
          xLabel: 'open connections',
          yLabel: 'RSS above baseline (MiB)',
          series,
        }),
      },
    ],
  }
}
