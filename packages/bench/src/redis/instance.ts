/**
 * One instance of the `redis` part, in its own Node process: `BENCH_ROLE=publisher` (instance A)
 * or `subscriber` (instance B), both on the Redis at `REDIS_URL`, each with its subscribers read
 * in process. They meet through keys on that Redis.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Channel as RedisChannel } from '@ssekit/channel'
import { createRedisChannel, ioredisAdapter } from '@ssekit/redis'
import { Redis } from 'ioredis'
import { createChannel } from '../channel.ts'
import { emitResult, readConfig } from '../harness/child.ts'
import { EventCounter, wallClock } from '../harness/event-counter.ts'
import type { RedisConfig } from './part.ts'

const config = readConfig<RedisConfig>()
const url = process.env.REDIS_URL as string
const control = new Redis(url)
const adapter = ioredisAdapter(new Redis(url, { lazyConnect: true }))
const message = (n: number) => ({ event: 'tick', data: { n, text: 'x'.repeat(100) } })
const request = () => new Request('http://localhost/events')
// How long a phase may take to reach every subscriber: 10 000 of them on a loaded machine.
const HOLD_MS = 600_000

async function open(name: string, subscribers: number) {
  const channel = createRedisChannel({
    name,
    redis: adapter,
    heartbeat: false,
    maxBuffered: 1 << 22,
  })
  const counters = await subscribeAll(channel, subscribers)
  // Each subscriber's stream is open and the reader follows the stream.
  await sleep(500)
  counters.reset()
  return { channel, counters }
}

/** `count` subscribers of `channel`, 500 subscribing at a time, their streams counted. */
async function subscribeAll(channel: RedisChannel, count: number) {
  const counters = new EventCounter()
  for (let from = 0; from < count; from += 500) {
    const batch = Array.from({ length: Math.min(500, count - from) }, () =>
      channel.subscribe(request()),
    )
    for (const response of await Promise.all(batch))
      counters.add(response.body as ReadableStream<Uint8Array>)
  }
  return counters
}

async function waitFor(key: string): Promise<void> {
  while ((await control.get(key)) === null) await sleep(20)
}

/** Instance B: the in-process reference, then what reaches it through Redis. */
async function subscriber() {
  // The in-process channel first, alone on the machine: the reference.
  const local = createChannel({ heartbeat: false, maxBuffered: 1 << 22 })
  const inProcessCounters = await subscribeAll(local, config.subscribers)
  await sleep(200)
  inProcessCounters.reset()
  const inProcess: number[] = []
  const total = config.warmupEvents + config.events
  for (let k = 0; k < total; k++) {
    const start = wallClock()
    local.publish(message(k))
    await inProcessCounters.allHold(k + 1)
    if (k >= config.warmupEvents) inProcess.push(wallClock() - start)
    await sleep(config.intervalMs)
  }
  local.close()

  const latency = await open('bench-latency', config.subscribers)
  await control.set('bench:ready:latency', '1')
  await latency.counters.allHold(total, HOLD_MS)
  // The warm-up's events are not counted (see RedisBenchConfig.warmupEvents).
  const remoteAt = latency.counters.arrivals.slice(config.warmupEvents)
  await latency.channel.close()

  const throughput = await open('bench-throughput', 1)
  await control.set('bench:ready:throughput', '1')
  await throughput.counters.allHold(config.throughputEvents)
  const arrivals = throughput.counters.arrivals
  await control.set('bench:done', '1')
  await throughput.channel.close()
  const plain = await plainReader()
  return {
    /** The plain XREAD loop: entries read, and the ms from the first to the last. */
    plain,
    /** When every one of B's subscribers held each latency-phase event (wall-clock ms). */
    remoteAt,
    /** The in-process channel: ms from publish until all its subscribers held the event. */
    inProcess,
    /** Throughput phase: events B's one subscriber received, and the ms from first to last. */
    received: arrivals.length,
    receiveMs: (arrivals.at(-1) as number) - (arrivals[0] as number),
  }
}

/** Instance A: publishes, and sees its own events come back through Redis. */
async function publisher() {
  const latency = await open('bench-latency', config.subscribers)
  await waitFor('bench:ready:latency')
  const sentAt: number[] = []
  const acks: Promise<string>[] = []
  const total = config.warmupEvents + config.events
  // One schedule from the first warm-up event to the last measured one: no pause between them.
  for (let k = 0; k < total; k++) {
    sentAt.push(wallClock())
    acks.push(latency.channel.publish(message(k)))
    await sleep(config.intervalMs)
  }
  await Promise.all(acks)
  await latency.counters.allHold(total, HOLD_MS)
  const localAt = latency.counters.arrivals.slice(config.warmupEvents)
  await latency.channel.close()

  const throughput = await open('bench-throughput', 1)
  await waitFor('bench:ready:throughput')
  await control.config('RESETSTAT')
  const cpuBefore = await redisCpuMs()
  const start = wallClock()
  let sent = 0
  let lastAck = start
  const worker = async (channel: RedisChannel) => {
    while (sent < config.throughputEvents) {
      sent++
      await channel.publish(message(sent))
      lastAck = wallClock()
    }
  }
  await Promise.all(Array.from({ length: config.concurrency }, () => worker(throughput.channel)))
  await waitFor('bench:done')
  const commands = commandCalls(String(await control.info('commandstats')))
  const cpuMs = (await redisCpuMs()) - cpuBefore
  await throughput.channel.close()
  return {
    /** Redis's own CPU time (user + system) over the throughput phase, ms. */
    cpuMs,
    plain: await plainWriter(),
    /** When each latency-phase event was handed to `publish()` (wall-clock ms). */
    sentAt: sentAt.slice(config.warmupEvents),
    /** When every one of A's own subscribers held it (through Redis and A's reader). */
    localAt,
    /** Throughput phase: publishes acknowledged, and the ms from the first to the last. */
    acknowledged: sent,
    publishMs: lastAck - start,
    /** INFO commandstats calls over the throughput phase (reset before it). */
    commands,
  }
}

/**
 * The anchor: what one Redis gives a plain client here. A publishes with XADD alone (the same
 * payload as JSON, the same number in flight, the same trim), B reads with one XREAD BLOCK loop.
 */
const PLAIN_KEY = 'bench-plain'
async function plainWriter() {
  await waitFor('bench:ready:plain')
  const cpuBefore = await redisCpuMs()
  const start = wallClock()
  let [sent, lastAck] = [0, start]
  const worker = async () => {
    while (sent < config.throughputEvents) {
      const data = JSON.stringify(message(++sent).data)
      // A trim as the channel's script has, never reached: B reads from the start.
      await control.xadd(PLAIN_KEY, 'MAXLEN', '~', '1000000', '*', 'data', data)
      lastAck = wallClock()
    }
  }
  await Promise.all(Array.from({ length: config.concurrency }, worker))
  await waitFor('bench:done:plain')
  return { acknowledged: sent, publishMs: lastAck - start, cpuMs: (await redisCpuMs()) - cpuBefore }
}

async function plainReader() {
  const reader = new Redis(url)
  let [read, last, first] = [0, '0', 0]
  await control.set('bench:ready:plain', '1')
  while (read < config.throughputEvents) {
    const reply = await reader.xread('COUNT', 1000, 'BLOCK', 1000, 'STREAMS', PLAIN_KEY, last)
    const entries = reply?.[0]?.[1] ?? []
    if (read === 0 && entries.length > 0) first = wallClock()
    read += entries.length
    last = entries.at(-1)?.[0] ?? last
  }
  const readMs = wallClock() - first
  await control.set('bench:done:plain', '1')
  reader.disconnect()
  return { read, readMs }
}

/** Redis's own CPU time so far (user + system), from INFO cpu, in ms. */
async function redisCpuMs(): Promise<number> {
  const info = String(await control.info('cpu'))
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1])
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000
}

// `cmdstat_xadd:calls=12,usec=…` → { xadd: 12 }
const commandCalls = (info: string): Record<string, number> =>
  Object.fromEntries(
    [...info.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)].map(([, name, calls]) => [
      name,
      Number(calls),
    ]),
  )

export type PublisherResult = Awaited<ReturnType<typeof publisher>>
export type SubscriberResult = Awaited<ReturnType<typeof subscriber>>

const result = process.env.BENCH_ROLE === 'publisher' ? await publisher() : await subscriber()
control.disconnect()
emitResult(result)
