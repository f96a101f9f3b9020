/**
 * The compression benchmark's run: for each payload and subscriber count, every coding in a
 * fresh process (variant.ts), one after another so a noisy spell hits them alike; plus the plain
 * streams (reference.ts) over the same events.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { PayloadName } from './payloads.ts'
import { referenceBytes } from './reference.ts'
import type { Coding } from './variant.ts'

export interface CompressionBenchConfig {
  subscribers: readonly number[]
  /** Events per run: `small` below 10 000 subscribers, `large` from there. */
  events: { small: number; large: number }
  payloads: readonly PayloadName[]
  codings: readonly Coding[]
  /** Other levels, measured on the first payload at the smallest subscriber count only. */
  levels: readonly Coding[]
  /** The channel's heartbeat; each run rests for two of them to measure idle memory. */
  heartbeatMs: number
}

interface Memory {
  heapKiB: number
  externalKiB: number
  rssKiB: number
}

/** What variant.ts prints for one coding, payload and subscriber count. */
export interface CompressionRun {
  coding: Coding
  payload: PayloadName
  subscribers: number
  events: number
  wireBytesPerEvent: number
  cpuMicrosPerDelivery: number
  wallMsPerEvent: number
  latencyMs: { p50: number; p99: number }
  memory: { opened: Memory; active: Memory; idle: Memory }
}

export interface CompressionResults {
  config: CompressionBenchConfig
  node: string
  /** Bytes per event of each plain stream, keyed `<payload>, <events> events`. */
  references: Record<string, Record<string, number>>
  runs: CompressionRun[]
}

const VARIANT = fileURLToPath(new URL('./variant.ts', import.meta.url))

export async function runCompressionBench(
  config: CompressionBenchConfig,
  log: (message: string) => void,
): Promise<CompressionResults> {
  const eventsFor = (subscribers: number) =>
    subscribers >= 10_000 ? config.events.large : config.events.small
  const references: CompressionResults['references'] = {}
  const runs: CompressionRun[] = []
  for (const payload of config.payloads) {
    for (const subscribers of config.subscribers) {
      const events = eventsFor(subscribers)
      references[`${payload}, ${events} events`] ??= await referenceBytes(payload, events)
      const first = subscribers === config.subscribers[0] && payload === config.payloads[0]
      for (const coding of [...config.codings, ...(first ? config.levels : [])]) {
        log(`${payload} ${subscribers} ${coding}`)
        const args = [
          '--expose-gc',
          VARIANT,
          coding,
          payload,
          String(subscribers),
          String(events),
          String(config.heartbeatMs),
        ]
        const { stdout } = await promisify(execFile)(process.execPath, args, {
          encoding: 'utf8',
          timeout: 600_000,
          killSignal: 'SIGKILL',
          maxBuffer: 1 << 24,
        })
        runs.push(JSON.parse(stdout.trim().split('\n').at(-1) as string))
      }
    }
  }
  return { config, node: process.version, references, runs }
}
