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

async function open(name: string, subscribers: number) {
  const channel = createRedisChannel({
    name,
    redis: adapter,
    heartbeat: false,
    maxBuffered: 1 << 22,
  })
  const counters = new EventCounter()
  for (let i = 0; i < subscribers; i++)
    counters.add((await channel.subscribe(request())).body as ReadableStream<Uint8Array>)
  // Each subscriber's stream is open and the reader follows the stream.
  await sleep(500)
  counters.reset()
  return { channel, counters }
}

async function waitFor(key: string): Promise<void> {
  while ((await control.get(key)) === null) await sleep(20)
}

/** Instance B: the in-process reference, then what reaches it through Redis. */
async function subscriber() {
  // The in-process channel first, alone on the machine: the reference.
  const local = createChannel({ heartbeat: false, maxBuffered: 1 << 22 })
  const inProcessCounters = new EventCounter()
  for (let i = 0; i < config.subscribers; i++)
    inProcessCounters.add((await local.subscribe(request())).body as ReadableStream<Uint8Array>)
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
  await latency.counters.allHold(total)
  // The warm-up's events are not counted (see RedisBenchConfig.warmupEvents).
  const remoteAt = latency.counters.arrivals.slice(config.warmupEvents)
  await latency.channel.close()

  const throughput = await open('bench-throughput', 1)
  await control.set('bench:ready:throughput', '1')
  await throughput.counters.allHold(config.throughputEvents)
  const arrivals = throughput.counters.arrivals
  await control.set('bench:done', '1')
  await throughput.channel.close()
  return {
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
  await latency.counters.allHold(total)
  const localAt = latency.counters.arrivals.slice(config.warmupEvents)
  await latency.channel.close()

  const throughput = await open('bench-throughput', 1)
  await waitFor('bench:ready:throughput')
  await control.config('RESETSTAT')
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
  await throughput.channel.close()
  return {
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
