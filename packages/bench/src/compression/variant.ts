/**
 * One measured run in a process of its own, so each starts from a clean heap: a memory channel
 * with `subscribers` in-process readers, each compressed with `coding` (or not), `events`
 * publishes of one payload, each awaited until every reader has its bytes. Prints one JSON line.
 * Usage: node --expose-gc variant.ts <coding> <payload> <subscribers> <events> <heartbeat ms>
 */
import { createChannel } from '@ssekit/channel'
import { compression } from '@ssekit/compress'
import type { SSECompression } from '@ssekit/core/backend'
import { type PayloadName, payloadMaker } from './payloads.ts'
import { sharedBlocks } from './shared-blocks.ts'

/** `gzip:11` is gzip with `windowBits: 11`; `br:2` is Brotli at quality 2. */
export type Coding = 'identity' | 'gzip' | 'br' | 'shared-gzip' | `gzip:${number}` | `br:${number}`

const [coding, payload, subscriberArg, eventArg, heartbeatArg] = process.argv.slice(2) as [
  Coding,
  PayloadName,
  string,
  string,
  string,
]
const subscribers = Number(subscriberArg)
const events = Number(eventArg)
// Longer than one round of events at 10 000 subscribers, so a busy stream never counts as quiet
// (the smoke run, with few subscribers, takes a short one to finish fast).
const HEARTBEAT_MS = Number(heartbeatArg)
const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('Run with --expose-gc')

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
const memory = () => {
  const { heapUsed, external, rss } = process.memoryUsage()
  return { heap: heapUsed, external, rss }
}

const channel = createChannel({ heartbeat: HEARTBEAT_MS, maxBuffered: 1 << 22 })
const shared = sharedBlocks()
let bytes = 0
let arrived = 0
let allArrived: (() => void) | undefined
const readers: Promise<void>[] = []

await settle()
const before = memory()
for (let i = 0; i < subscribers; i++) {
  const request = new Request('http://127.0.0.1/events', {
    headers:
      coding === 'identity' ? {} : { 'accept-encoding': coding.startsWith('br') ? 'br' : 'gzip' },
  })
  const [name, setting] = coding.split(':')
  const options =
    setting === undefined
      ? {}
      : name === 'br'
        ? { brotliQuality: Number(setting) }
        : { windowBits: Number(setting) }
  const compress: SSECompression | undefined =
    coding === 'identity'
      ? undefined
      : coding === 'shared-gzip'
        ? shared
        : compression(request, options)
  const response = await channel.subscribe(request, compress === undefined ? {} : { compress })
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  readers.push(
    (async () => {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        bytes += value.length
        if (++arrived === subscribers) allArrived?.()
      }
    })(),
  )
}
// Let every opening reach its reader before counting.
await new Promise((resolve) => setTimeout(resolve, 200))
await settle()
const opened = memory()

const next = payloadMaker(payload)
bytes = 0
const latencies: number[] = []
const cpu = process.cpuUsage()
const started = performance.now()
for (let n = 0; n < events; n++) {
  arrived = 0
  const all = new Promise<void>((resolve) => {
    allArrived = resolve
  })
  const at = performance.now()
  await channel.publish(next(n))
  await all
  latencies.push(performance.now() - at)
}
const elapsed = performance.now() - started
const used = process.cpuUsage(cpu)
const wire = bytes
await settle()
const active = memory()
// A quiet spell longer than two heartbeats: windows are let go, Brotli encoders are not.
await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 2.2))
await settle()
const idle = memory()
await channel.close()
await Promise.all(readers)

const perConnection = (m: { heap: number; external: number; rss: number }) => ({
  heapKiB: (m.heap - before.heap) / 1024 / subscribers,
  externalKiB: (m.external - before.external) / 1024 / subscribers,
  rssKiB: (m.rss - before.rss) / 1024 / subscribers,
})
latencies.sort((a, b) => a - b)
console.log(
  JSON.stringify({
    coding,
    payload,
    subscribers,
    events,
    wireBytesPerEvent: wire / events / subscribers,
    cpuMicrosPerDelivery: (used.user + used.system) / events / subscribers,
    wallMsPerEvent: elapsed / events,
    latencyMs: {
      p50: latencies[Math.floor(latencies.length / 2)],
      p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))],
    },
    memory: {
      opened: perConnection(opened),
      active: perConnection(active),
      idle: perConnection(idle),
    },
  }),
)
process.exit(0)
