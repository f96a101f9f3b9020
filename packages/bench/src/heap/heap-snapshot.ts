/**
 * Reads V8 heap snapshots (`node:v8` `writeHeapSnapshot()`) and says what one connection costs,
 * object by object: the difference between a snapshot with N idle streams held and one before
 * any client, grouped by constructor (or by V8's kind for closures, arrays, strings and the
 * engine's own objects), per connection. Self (shallow) sizes: they add up to the heap's growth,
 * where retained sizes of different constructors overlap.
 */
import { readFile } from 'node:fs/promises'

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }
  nodes: number[]
  strings: string[]
}

/** One kind of object: how many there are and their summed self size. */
export interface HeapGroup {
  name: string
  count: number
  bytes: number
}

/** What one more connection adds, kind by kind, largest first. */
export interface PerConnection {
  connections: number
  /** Bytes per connection over every kind (the heap's growth per connection). */
  bytes: number
  groups: HeapGroup[]
}

/** Sums a snapshot's objects by kind. */
export async function groupSnapshot(path: string): Promise<Map<string, HeapGroup>> {
  const raw = JSON.parse(await readFile(path, 'utf8')) as RawSnapshot
  const fields = raw.snapshot.meta.node_fields
  const types = raw.snapshot.meta.node_types[0]
  const width = fields.length
  const at = (field: string) => fields.indexOf(field)
  const [typeAt, nameAt, sizeAt] = [at('type'), at('name'), at('self_size')]
  const groups = new Map<string, HeapGroup>()
  for (let i = 0; i < raw.nodes.length; i += width) {
    const type = types[raw.nodes[i + typeAt] as number] ?? 'unknown'
    const name = raw.strings[raw.nodes[i + nameAt] as number] ?? ''
    const key = groupName(type, name)
    const group = groups.get(key) ?? { name: key, count: 0, bytes: 0 }
    group.count++
    group.bytes += raw.nodes[i + sizeAt] as number
    groups.set(key, group)
  }
  return groups
}

/** The growth from `before` to `after`, divided by the connections held in `after`. */
export function perConnection(
  before: Map<string, HeapGroup>,
  after: Map<string, HeapGroup>,
  connections: number,
  top = 40,
): PerConnection {
  const groups: HeapGroup[] = []
  let bytes = 0
  for (const [name, group] of after) {
    const base = before.get(name) ?? { count: 0, bytes: 0 }
    const grown = {
      name,
      count: (group.count - base.count) / connections,
      bytes: (group.bytes - base.bytes) / connections,
    }
    bytes += grown.bytes
    groups.push(grown)
  }
  for (const [name, group] of before) {
    if (!after.has(name)) bytes -= group.bytes / connections
  }
  groups.sort((a, b) => b.bytes - a.bytes)
  return { connections, bytes, groups: groups.slice(0, top) }
}

// Objects by constructor; the engine's kinds (closures, arrays, strings, code, hidden) by kind.
function groupName(type: string, name: string): string {
  if (type === 'object' || type === 'native') return name || '(object)'
  if (type === 'closure') return `(closure) ${name || 'anonymous'}`
  if (type === 'hidden') return `(system) ${name.replace(/ \d+$/, '')}`.slice(0, 60)
  if (type === 'object shape') return '(object shape)'
  if (type.includes('string')) return '(string)'
  if (type === 'array') return `(array) ${name || '(internal)'}`
  return `(${type})`
}
