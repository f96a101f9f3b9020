// Busy CPU per event and self time by kind of code, from the .cpuprofile in each folder.
//   node profile/summary.ts <events> <folder>...
import { readdirSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[]
  samples: number[]
  timeDeltas: number[]
}
const kindOf = (url: string, fn: string) =>
  fn === '(idle)'
    ? undefined
    : fn === '(garbage collector)'
      ? 'GC'
      : url.includes('/packages/core/')
        ? 'ssekit core'
        : url.includes('/packages/redis/') || url.includes('/packages/channel/')
          ? '@ssekit/redis and channel'
          : url.includes('/ioredis')
            ? 'ioredis'
            : url.includes('/packages/bench/')
              ? 'bench (producer, hand formatter)'
              : url === '' || url === '[native code]'
                ? `native ${fn}`
                : url.replace(/.*node_modules\/\.pnpm\//, '').slice(0, 40)

const [events, ...dirs] = process.argv.slice(2)
for (const dir of dirs) {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  const profile = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Profile
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const micros = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((node, i) => {
    const frame = frames.get(node)
    const kind = frame && kindOf(frame.url, frame.functionName)
    if (kind === undefined) return
    // A sample lasts until the next one.
    const delta = Math.max(0, profile.timeDeltas[i + 1] ?? 0)
    busy += delta
    micros.set(kind, (micros.get(kind) ?? 0) + delta)
  })
  console.log(`${basename(dir)}: ${(busy / Number(events)).toFixed(3)} µs busy per event`)
  for (const [kind, us] of [...micros].sort((a, b) => b[1] - a[1]).slice(0, 6))
    console.log(`  ${kind}: ${((100 * us) / busy).toFixed(1)} %`)
}
