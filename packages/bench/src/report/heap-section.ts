import type { HeapData } from '../heap/part.ts'
import type { PartFile } from '../results.ts'
import { fmt, type Section, table } from './markdown.ts'

/** What one idle stream costs on Node, object by object, against a bare stream and Hono. */
export function heapSection(file: PartFile<HeapData>): Section {
  const { connections, runs } = file.data
  const order = ['floor', 'ssekit', 'hono'] as const
  const byServer = new Map(runs.map((run) => [run.server, run]))
  const names = new Map<string, number>()
  for (const run of runs) {
    for (const group of run.groups)
      names.set(group.name, Math.max(names.get(group.name) ?? 0, Math.abs(group.bytes)))
  }
  const top = [...names]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 24)
    .map(([name]) => name)
  const cell = (server: string, name: string) => {
    const group = byServer.get(server as 'ssekit')?.groups.find((g) => g.name === name)
    return group && Math.abs(group.bytes) >= 1
      ? `${fmt(group.bytes)} (${fmt(group.count, 2)})`
      : '–'
  }
  const delta = (name: string) => {
    const of = (server: string) =>
      byServer.get(server as 'ssekit')?.groups.find((g) => g.name === name)?.bytes ?? 0
    const d = of('ssekit') - of('floor')
    return Math.abs(d) >= 1 ? fmt(d) : '–'
  }
  const present = order.filter((server) => byServer.has(server))
  const markdown = [
    '## 8. What one idle stream costs, object by object (Node)',
    '',
    `The section-3 server on Node (Hono on \`@hono/node-server\`) holds ${fmt(connections, 6)} idle streams from the same`,
    "load client; `node:v8`'s `writeHeapSnapshot()` runs (after a full GC) once before any client",
    '(after one stream opened and closed, so compiled code is in both) and once with every stream',
    "held. The table is the difference, per stream, grouped by constructor (V8's own kinds in",
    "parentheses), as bytes (count): self sizes, which add up to the heap's growth, where retained",
    'sizes of different constructors overlap. **floor** is a bare `ReadableStream` with one',
    '`setInterval` heartbeat, the least an idle stream can cost on this server: everything in it',
    "is `@hono/node-server`'s and Node's (socket, parser, request, response, the adapter's pump).",
    '',
    table(
      ['Server', 'Bytes per stream'],
      present.map((server) => [server, fmt(byServer.get(server)?.bytes ?? 0)]),
    ),
    '',
    table(
      ['Kind', ...present, 'ssekit − floor'],
      top.map((name) => [
        (name.trim() === '(array)' ? '(array) (internal)' : name).replace(/\|/g, '/'),
        ...present.map((server) => cell(server, name)),
        delta(name),
      ]),
    ),
    '',
  ].join('\n')
  return { markdown, charts: [] }
}
