import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IdleKind } from '../connections/routes.ts'
import { runtimeTarget } from '../connections/targets.ts'
import { definePart } from '../harness/part.ts'
import { getJson } from '../harness/server.ts'
import { openStreams } from '../harness/streams.ts'
import { fmt, table } from '../report/markdown.ts'

/** One kind of object: how many there are and their summed self size. */
interface HeapGroup {
  name: string
  count: number
  bytes: number
}

/** One server's idle stream, object by object: the heap's growth per stream, by kind. */
interface HeapRun {
  server: IdleKind
  version: string
  connections: number
  bytes: number
  groups: HeapGroup[]
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }
  nodes: number[]
  strings: string[]
}

// Objects by constructor; the engine's own kinds (closures, arrays, strings, code…) by kind.
function groupName(type: string, name: string): string {
  if (type === 'object' || type === 'native') return name || '(object)'
  if (type === 'closure') return `(closure) ${name || 'anonymous'}`
  if (type === 'hidden') return `(system) ${name.replace(/ \d+$/, '')}`.slice(0, 60)
  if (type === 'object shape') return '(object shape)'
  if (type.includes('string')) return '(string)'
  if (type === 'array') return `(array) ${name || '(internal)'}`
  return `(${type})`
}

/** Sums a V8 heap snapshot's objects (self sizes) by kind. */
async function groupSnapshot(path: string): Promise<Map<string, HeapGroup>> {
  const raw = JSON.parse(await readFile(path, 'utf8')) as RawSnapshot
  const fields = raw.snapshot.meta.node_fields
  const [type, name, size] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field))
  const groups = new Map<string, HeapGroup>()
  for (let i = 0; i < raw.nodes.length; i += fields.length) {
    const kind = raw.snapshot.meta.node_types[0][raw.nodes[i + (type as number)] as number] ?? '?'
    const key = groupName(kind, raw.strings[raw.nodes[i + (name as number)] as number] ?? '')
    const group = groups.get(key) ?? { name: key, count: 0, bytes: 0 }
    group.count++
    group.bytes += raw.nodes[i + (size as number)] as number
    groups.set(key, group)
  }
  return groups
}

async function snapshotRun(server: IdleKind, connections: number): Promise<HeapRun> {
  const dir = await mkdtemp(join(tmpdir(), 'ssekit-heap-'))
  const started = await runtimeTarget('node').start(server, 60_000)
  const snapshot = async (name: string) => {
    const path = join(dir, `${name}.heapsnapshot`)
    await getJson(`${started.url}/heap-snapshot?path=${encodeURIComponent(path)}`)
    return groupSnapshot(path)
  }
  try {
    // One stream first, so the route's compiled code and caches are in both snapshots.
    await (await fetch(`${started.url}/sse`)).body?.cancel()
    while ((await getJson<{ open: number }>(`${started.url}/stats`)).open > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const before = await snapshot('before')
    const streams = await openStreams(`${started.url}/sse`, connections)
    try {
      const open = streams.status.filter((status) => status === 200).length
      if (open !== connections) throw new Error(`heap: ${open} of ${connections} streams open`)
      const after = await snapshot('after')
      const groups = [...after.values(), ...[...before.values()].filter((g) => !after.has(g.name))]
        .map(({ name }) => {
          const [was, is] = [before.get(name), after.get(name)]
          const grown = (field: 'count' | 'bytes') =>
            ((is?.[field] ?? 0) - (was?.[field] ?? 0)) / connections
          return { name, count: grown('count'), bytes: grown('bytes') }
        })
        .sort((a, b) => b.bytes - a.bytes)
      const bytes = groups.reduce((total, group) => total + group.bytes, 0)
      return { server, version: started.version, connections, bytes, groups: groups.slice(0, 40) }
    } finally {
      streams.destroy()
    }
  } finally {
    await started.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

const SERVERS: readonly IdleKind[] = ['floor', 'ssekit', 'hono']

/**
 * What one idle stream costs on Node, object by object: the idle-stream server holding N streams,
 * a heap snapshot (after a full GC) before any client and one with every stream held, their
 * difference grouped by constructor; `floor` is the least a stream costs on that server.
 */
export const heapPart = definePart<{ connections: number; runs: HeapRun[] }>({
  name: 'heap',
  async run({ smoke, log }) {
    const connections = smoke ? 20 : 2000
    const runs: HeapRun[] = []
    for (const server of SERVERS) {
      log(`node ${server} ${connections}`)
      runs.push(await snapshotRun(server, connections))
    }
    return { connections, runs }
  },
  report({ runs }) {
    const present = SERVERS.filter((server) => runs.some((run) => run.server === server))
    const bytes = (server: string, name: string) =>
      runs.find((run) => run.server === server)?.groups.find((g) => g.name === name)
    const largest = new Map<string, number>()
    for (const { groups } of runs) {
      for (const g of groups)
        largest.set(g.name, Math.max(largest.get(g.name) ?? 0, Math.abs(g.bytes)))
    }
    const kinds = [...largest]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 24)
      .map(([name]) => name)
    const cell = (group: HeapGroup | undefined) =>
      group && Math.abs(group.bytes) >= 1 ? `${fmt(group.bytes)} (${fmt(group.count, 2)})` : '–'
    const delta = (name: string) =>
      (bytes('ssekit', name)?.bytes ?? 0) - (bytes('floor', name)?.bytes ?? 0)
    return {
      blocks: {
        total: table(
          ['Server', 'Bytes per stream'],
          present.map((server) => [
            server,
            fmt(runs.find((run) => run.server === server)?.bytes ?? 0),
          ]),
        ),
        table: table(
          ['Kind', ...present, 'ssekit − floor'],
          kinds.map((name) => [
            name.trim() === '(array)' ? '(array) (internal)' : name,
            ...present.map((server) => cell(bytes(server, name))),
            Math.abs(delta(name)) >= 1 ? fmt(delta(name)) : '–',
          ]),
        ),
      },
    }
  },
})
