/**
 * The compression benchmark: for each payload and subscriber count, identity, gzip, Brotli and
 * the shared-block design, each in a fresh process (variant.ts), interleaved so a noisy spell
 * hits every coding alike; plus the textbook streams (reference.ts) over the same events.
 * `runCompressionBench()` returns the results; run this file to print them as JSON.
 * Usage: node src/compression/run.ts [--smoke] > results/compression.json
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { PayloadName } from './payloads.ts'
import { referenceBytes } from './reference.ts'
import type { Coding } from './variant.ts'

export interface CompressionBenchOptions {
  subscribers: readonly number[]
  events: (subscribers: number) => number
  payloads: readonly PayloadName[]
  codings: readonly Coding[]
  /** Settings measured at the smallest subscriber count only, for the memory table. */
  levels: readonly Coding[]
}

const VARIANT = fileURLToPath(new URL('./variant.ts', import.meta.url))

export async function runCompressionBench(options: CompressionBenchOptions): Promise<unknown> {
  const runs: unknown[] = []
  const references: Record<string, unknown> = {}
  for (const payload of options.payloads) {
    references[payload] = await referenceBytes(
      payload,
      options.events(options.subscribers[0] ?? 1000),
    )
    for (const subscribers of options.subscribers) {
      const levels =
        subscribers === options.subscribers[0] && payload === options.payloads[0]
          ? options.levels
          : []
      for (const coding of [...options.codings, ...levels]) {
        const args = [
          '--expose-gc',
          VARIANT,
          coding,
          payload,
          String(subscribers),
          String(options.events(subscribers)),
        ]
        const child = spawnSync(process.execPath, args, {
          encoding: 'utf8',
          timeout: 600_000,
          maxBuffer: 1 << 24,
        })
        if (child.status !== 0)
          throw new Error(`${coding} ${payload} ${subscribers} failed: ${child.stderr}`)
        const result = JSON.parse(child.stdout.trim().split('\n').at(-1) as string)
        runs.push(result)
        process.stderr.write(`${JSON.stringify(result)}\n`)
      }
    }
  }
  return { node: process.version, references, runs }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const smoke = process.argv.includes('--smoke')
  const result = await runCompressionBench({
    subscribers: smoke ? [50] : [1_000, 10_000],
    events: (subscribers) => (smoke ? 10 : subscribers >= 10_000 ? 40 : 200),
    payloads: ['chat', 'token'],
    codings: ['identity', 'gzip', 'br', 'shared-gzip'],
    levels: smoke ? [] : ['gzip:9', 'gzip:11', 'gzip:15', 'br:2'],
  })
  console.log(JSON.stringify(result, null, 2))
}
