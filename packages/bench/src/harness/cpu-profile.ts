/**
 * Where a Node server spends its time: it runs under `node --cpu-prof` while a part drives it,
 * and its profile is reduced to self time per category of code (ssekit's core, the fetch
 * adapter's pump, web streams, Node's socket layer, GC, …), which the report prints beside the
 * numbers it explains.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fmt, table } from '../report/markdown.ts'
import { type BenchServer, startBenchServer } from './server.ts'

/** A profile reduced to what a table shows: busy time, and its share per category of code. */
export interface ProfileSummary {
  /** Milliseconds sampled while not idle. */
  busyMs: number
  categories: { name: string; ms: number; share: number }[]
}

// First match wins: from the most specific path to the most general.
const CATEGORIES: readonly [string, (url: string, fn: string) => boolean][] = [
  ['(garbage collector)', (_, fn) => fn === '(garbage collector)'],
  ['(program): V8 and native code outside JS', (_, fn) => fn === '(program)'],
  ['ssekit core', (url) => url.includes('/packages/core/')],
  ['@ssekit/hono', (url) => url.includes('/packages/hono/')],
  ['@hono/node-server: Request/Response adapter and pump', (url) => url.includes('node-server')],
  ['hono', (url) => /\/hono(@[^/]*)?\/(node_modules\/hono\/)?dist\//.test(url)],
  ['h3 / srvx', (url) => /\/(h3|srvx|rou3)[@/]/.test(url)],
  ['bench producer (the route itself)', (url) => url.includes('/packages/bench/')],
  ['web streams (ReadableStream machinery)', (url) => url.includes('internal/webstreams')],
  [
    'node:http / net / streams (socket writes)',
    (url) => /^node:(_http|net|stream|internal\/(streams|stream_base|http|net))/.test(url),
  ],
  ['promise and microtask queues', (url) => url.startsWith('node:internal/process/task_queues')],
  ['other Node internals', (url) => url.startsWith('node:')],
  ['native (syscalls, encoding, JSON)', (url) => url === ''],
]

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[]
  samples: number[]
  timeDeltas: number[]
}

/**
 * Starts `kind` on Node under `--cpu-prof`, lets `drive` work it, stops it (which writes the
 * profile) and summarises where its busy time went.
 */
export async function profileServer(
  kind: string,
  env: Record<string, string>,
  drive: (server: BenchServer) => Promise<void>,
): Promise<ProfileSummary> {
  const dir = await mkdtemp(join(tmpdir(), 'ssekit-cpu-prof-'))
  try {
    const server = await startBenchServer('node', kind, {
      env,
      flags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    })
    await drive(server).finally(server.stop)
    const [file] = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile'))
    if (!file) throw new Error(`No .cpuprofile from ${kind} in ${dir}`)
    return summarize(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function summarize(profile: CpuProfile): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const micros = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((id, i) => {
    // A sample lasts until the next one.
    const delta = Math.max(0, profile.timeDeltas[i + 1] ?? 0)
    const frame = frames.get(id)
    if (!frame || frame.functionName === '(idle)') return
    busy += delta
    const name = CATEGORIES.find(([, test]) => test(frame.url, frame.functionName))?.[0] ?? 'other'
    micros.set(name, (micros.get(name) ?? 0) + delta)
  })
  return {
    busyMs: busy / 1000,
    categories: [...micros]
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }))
      .sort((a, b) => b.ms - a.ms),
  }
}

/**
 * Profiles side by side: a row per category, a column per server, each cell its share of that
 * server's busy time; the first row is the busy time per unit of work (`unit`: an event…).
 */
export function profileTable(
  profiles: readonly { name: string; summary: ProfileSummary; units: number }[],
  unit: string,
): string {
  const total = new Map<string, number>()
  for (const { summary } of profiles) {
    for (const { name, share } of summary.categories)
      total.set(name, (total.get(name) ?? 0) + share)
  }
  const rows = [...total]
    .sort((a, b) => b[1] - a[1])
    .map(([name]) => [
      name,
      ...profiles.map(({ summary }) => {
        const share = summary.categories.find((category) => category.name === name)?.share ?? 0
        return share >= 0.0005 ? `${(share * 100).toFixed(1)} %` : '–'
      }),
    ])
  const busy = profiles.map(({ summary, units }) => fmt((summary.busyMs * 1000) / units))
  return table(['Where the time goes', ...profiles.map(({ name }) => name)].join(' | '), [
    [`busy µs per ${unit}`, ...busy],
    ...rows,
  ])
}
