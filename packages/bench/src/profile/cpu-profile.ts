/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and says where the time went: self time per
 * category of code (ssekit's core, the fetch adapter's pump, web streams, Node's socket layer,
 * GC, …) and the functions with the most self time. The report prints these next to the numbers
 * they explain.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** Self time in one category or function, as a share of the profile's busy (non-idle) time. */
export interface ProfileShare {
  name: string
  ms: number
  /** Of the busy time: everything but `(idle)`. */
  share: number
}

/** A profile reduced to what a table can show. */
export interface ProfileSummary {
  /** Milliseconds sampled while not idle. */
  busyMs: number
  categories: ProfileShare[]
  /** The functions with the most self time, `name (file:line)`. */
  top: ProfileShare[]
}

// First match wins: the order goes from the most specific path to the most general.
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

/** Summarises one profile. */
export function summarizeProfile(profile: CpuProfile, topCount = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMicros = new Map<number, number>()
  profile.samples.forEach((id, i) => {
    // A sample lasts until the next one; the last gets the mean interval.
    const next = profile.timeDeltas[i + 1] ?? meanDelta(profile)
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + Math.max(0, next))
  })
  const categories = new Map<string, number>()
  const functions = new Map<string, number>()
  let busy = 0
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame
    if (!frame || frame.functionName === '(idle)') continue
    busy += micros
    const category = CATEGORIES.find(([, test]) => test(frame.url, frame.functionName))?.[0]
    const key = category ?? 'other'
    categories.set(key, (categories.get(key) ?? 0) + micros)
    const name = `${frame.functionName || '(anonymous)'}${frame.url ? ` (${shortUrl(frame.url)}:${frame.lineNumber + 1})` : ''}`
    functions.set(name, (functions.get(name) ?? 0) + micros)
  }
  const shares = (entries: Map<string, number>) =>
    [...entries]
      .map(([name, micros]) => ({ name, ms: micros / 1000, share: micros / busy }))
      .sort((a, b) => b.ms - a.ms)
  return {
    busyMs: busy / 1000,
    categories: shares(categories),
    top: shares(functions).slice(0, topCount),
  }
}

/** Reads the one `.cpuprofile` that `node --cpu-prof --cpu-prof-dir=<dir>` wrote. */
export async function readProfileDir(dir: string): Promise<CpuProfile> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile'))
  if (files.length !== 1)
    throw new Error(`Expected one .cpuprofile in ${dir}, found ${files.length}`)
  return JSON.parse(await readFile(join(dir, files[0] as string), 'utf8')) as CpuProfile
}

function meanDelta(profile: CpuProfile): number {
  const total = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0)
  return total / Math.max(1, profile.timeDeltas.length)
}

// Paths inside the repo or node_modules, shortened to the part that names the package and file.
function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/')
  if (modules !== -1) return url.slice(modules + 'node_modules/'.length)
  const packages = url.indexOf('/packages/')
  return packages !== -1 ? url.slice(packages + 1) : url.replace(/^file:\/\//, '')
}
