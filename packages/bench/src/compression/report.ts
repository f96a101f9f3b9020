/**
 * Turns the JSON of run.ts into the Markdown tables of BENCHMARKS.md's compression section.
 * Usage: node src/compression/report.ts results/compression.json
 */
import { readFileSync } from 'node:fs'

interface Memory {
  heapKiB: number
  externalKiB: number
  rssKiB: number
}
interface Run {
  coding: string
  payload: string
  subscribers: number
  events: number
  wireBytesPerEvent: number
  cpuMicrosPerDelivery: number
  latencyMs: { p50: number; p99: number }
  memory: { opened: Memory; active: Memory; idle: Memory }
}
interface Results {
  node: string
  references: Record<string, Record<string, number>>
  runs: Run[]
}

const results = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Results
const fixed = (value: number, digits = 1) => value.toFixed(digits)
const held = (memory: Memory) => memory.heapKiB + memory.externalKiB
const identityOf = (run: Run) =>
  results.runs.find(
    (other) =>
      other.coding === 'identity' &&
      other.payload === run.payload &&
      other.subscribers === run.subscribers,
  ) as Run

const lines: string[] = []
lines.push(
  '| Payload | Subscribers | Coding | Bytes / event | × identity | CPU µs / delivery | p50 / p99 publish → last byte (ms) | Held KiB / conn: open, busy, idle | RSS KiB / conn: busy |',
  '| --- | ---: | --- | ---: | ---: | ---: | --- | --- | ---: |',
)
for (const run of results.runs) {
  const identity = identityOf(run)
  const ratio = run.wireBytesPerEvent / identity.wireBytesPerEvent
  const base = held(identity.memory.opened)
  lines.push(
    `| ${run.payload} | ${run.subscribers.toLocaleString('en')} | ${run.coding} | ${fixed(run.wireBytesPerEvent)} | ${fixed(ratio, 2)} | ${fixed(run.cpuMicrosPerDelivery)} | ${fixed(run.latencyMs.p50, 0)} / ${fixed(run.latencyMs.p99, 0)} | ${fixed(held(run.memory.opened))}, ${fixed(held(run.memory.active))}, ${fixed(held(run.memory.idle))} (identity open ${fixed(base)}) | ${fixed(run.memory.active.rssKiB, 0)} |`,
  )
}
lines.push(
  '',
  '| Payload | Stream flushed per event | Bytes / event | × identity |',
  '| --- | --- | ---: | ---: |',
)
for (const [payload, references] of Object.entries(results.references)) {
  const identity = references.identity as number
  for (const [name, bytes] of Object.entries(references)) {
    lines.push(`| ${payload} | ${name} | ${fixed(bytes)} | ${fixed(bytes / identity, 2)} |`)
  }
}
console.log(lines.join('\n'))
