/**
 * The load client of the durable-object part, in its own Node process, against one mode of the
 * Worker (`object` or `direct`). It opens `subscribers` streams (node:http undoes the chunking,
 * eventsource-parser reads the events), then:
 *
 * 1. Latency: publishes `events` events one at a time and times each from the moment it sends the
 *    POST until each subscriber has the event.
 * 2. Awake time: with every subscriber idle, waits, publishes, and asks `/lifecycle` whether the
 *    publish found a new instance of the object (the runtime evicted it while it waited). The waits
 *    double, then bisect, to find how long the object stays in memory after its last event.
 */
import { Agent, request } from 'node:http'
import { createParser } from 'eventsource-parser'
import { emitResult, readConfig } from '../child-io.ts'
import { percentile } from '../stats.ts'
import type { AwakeProbe, ModeConfig, ModeResult } from './types.ts'

const config = readConfig<ModeConfig>()
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** One subscriber: when it received each event ID. */
interface Subscriber {
  arrivals: Map<string, number>
  open: boolean
}

function subscribe(): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const subscriber: Subscriber = { arrivals: new Map(), open: false }
    const parser = createParser({
      onEvent: (event) => {
        if (event.id !== undefined) subscriber.arrivals.set(event.id, performance.now())
      },
    })
    const call = request(`${config.base}/${config.mode}/events`, { agent }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`subscribe: ${response.statusCode}`))
      subscriber.open = true
      response.setEncoding('utf8')
      // The opening comment means the stream is registered: resolve on the first bytes.
      response.once('data', () => resolve(subscriber))
      response.on('data', (text: string) => parser.feed(text))
      response.on('close', () => {
        subscriber.open = false
      })
    })
    call.on('error', reject)
    call.end()
  })
}

async function publish(data: string): Promise<string> {
  const response = await fetch(`${config.base}/${config.mode}/publish`, {
    method: 'POST',
    body: data,
  })
  if (!response.ok) throw new Error(`publish: ${response.status} ${await response.text()}`)
  return response.text()
}

async function constructions(): Promise<number> {
  const response = await fetch(`${config.base}/lifecycle`)
  return ((await response.json()) as Record<string, number>)[config.mode] ?? 0
}

async function waitForAll(subscribers: Subscriber[], id: string, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs
  while (subscribers.some((subscriber) => !subscriber.arrivals.has(id))) {
    if (performance.now() > deadline) throw new Error(`event ${id} did not reach every subscriber`)
    await sleep(1)
  }
}

const subscribers: Subscriber[] = []
for (let next = 0; next < config.subscribers; next += 100) {
  const batch = Math.min(100, config.subscribers - next)
  subscribers.push(...(await Promise.all(Array.from({ length: batch }, subscribe))))
}

const latencies: number[] = []
const publishMs: number[] = []
for (let n = 0; n < config.events; n++) {
  const sent = performance.now()
  const id = await publish(`event ${n}`)
  publishMs.push(performance.now() - sent)
  await waitForAll(subscribers, id, 10_000)
  for (const subscriber of subscribers)
    latencies.push((subscriber.arrivals.get(id) as number) - sent)
  await sleep(config.gapMs)
}

// Idle: did the object leave memory within `waitMs` of its last event? The probe's publish
// brings it back either way; a new construction says it had gone.
const probes: AwakeProbe[] = []
async function probe(waitMs: number): Promise<boolean> {
  await publish('warm')
  const before = await constructions()
  await sleep(waitMs)
  const id = await publish('probe')
  await waitForAll(subscribers, id, 10_000)
  const evicted = (await constructions()) > before
  probes.push({ waitMs, evicted })
  return evicted
}
let awake = 0
let gone: number | undefined
for (let wait = config.firstWaitMs; wait <= config.maxWaitMs; wait *= 2) {
  if (await probe(wait)) {
    gone = wait
    break
  }
  awake = wait
}
while (gone !== undefined && gone - awake > config.resolutionMs) {
  const middle = Math.round((awake + gone) / 2)
  if (await probe(middle)) gone = middle
  else awake = middle
}

const result: ModeResult = {
  mode: config.mode,
  subscribers: subscribers.length,
  stillOpen: subscribers.filter((subscriber) => subscriber.open).length,
  events: config.events,
  deliveryMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
  publishMs: { p50: percentile(publishMs, 50), p99: percentile(publishMs, 99) },
  awakeAtLeastMs: awake,
  evictedWithinMs: gone ?? null,
  probes,
}
emitResult(result)
process.exit(0)
