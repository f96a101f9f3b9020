import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { EventCounter, wallClock } from '../harness/event-counter.ts'
import { getJson, getText } from '../harness/server.ts'
import { openStreams } from '../harness/streams.ts'
import { fanoutEvent } from './broadcasters.ts'
import type { ServerStats } from './control.ts'

/** One size of the part. */
export interface FanoutStep {
  subscribers: number
  /** Each round connects every contender in turn (rotated order), then drops them. */
  rounds: number
  /** Events published one by one, `intervalMs` apart: the latency samples. */
  latencyEvents: number
  intervalMs: number
  /** Events published back to back, one per macrotask turn on the server: the rate. */
  burstEvents: number
}

/** One contender's round at one size. */
export interface FanoutRound {
  contender: string
  subscribers: number
  round: number
  /** Milliseconds to open every stream and see the server count them all. */
  openMs: number
  /** Publish command → the event on the last stream, one per paced event. */
  latencyMs: number[]
  /** The server's CPU time over the paced events. */
  pacedCpuMicros: number
  /** The burst: from the command to its last event on the last stream, and the server's costs. */
  burst: { events: number; ms: number; cpuMicros: number; systemMicros: number; writeCalls: number }
  error?: string
}

const POST = { method: 'POST' }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

/**
 * One contender, one size, one round: open `subscribers` streams on `url` (`sampled` of them also
 * parse every event with eventsource-parser), publish paced events then a burst through the
 * control port at `control`, check that every stream got exactly the events published and the
 * sampled ones their exact content, and drop every stream. Events are numbered from `first`.
 * A failure is recorded in the round, not thrown, so a full run reports what broke.
 */
export async function measureRound(
  target: { contender: string; url: string; control: string },
  step: FanoutStep,
  round: number,
  first: number,
  sampled: number,
): Promise<FanoutRound> {
  const { subscribers, latencyEvents, burstEvents } = step
  const result: FanoutRound = {
    contender: target.contender,
    subscribers,
    round,
    openMs: 0,
    latencyMs: [],
    pacedCpuMicros: 0,
    burst: { events: burstEvents, ms: 0, cpuMicros: 0, systemMicros: 0, writeCalls: 0 },
  }
  const stats = () => getJson<ServerStats>(`${target.control}/stats`)
  const until = async (check: () => Promise<boolean>, what: string) => {
    for (const deadline = performance.now() + 120_000; !(await check()); await sleep(20)) {
      if (performance.now() > deadline) throw new Error(`Timed out waiting for: ${what}`)
    }
  }
  const counter = new EventCounter()
  counter.expect(subscribers)
  const every = Math.max(1, Math.floor(subscribers / sampled))
  const parsed = new Map<number, EventSourceMessage[]>()
  const parsers = new Map<number, (bytes: Buffer) => void>()
  for (let i = 0; i < sampled * every; i += every) {
    const events: EventSourceMessage[] = []
    const parser = createParser({ onEvent: (event) => events.push(event) })
    const decoder = new TextDecoder()
    parsed.set(i, events)
    parsers.set(i, (bytes) => parser.feed(decoder.decode(bytes, { stream: true })))
  }
  const started = performance.now()
  // No wait for the heads: Bun sends none for Hono's streamSSE until its first event.
  const streams = await openStreams(
    target.url,
    subscribers,
    (index, bytes) => {
      counter.feed(index, bytes)
      parsers.get(index)?.(bytes)
    },
    0,
  )
  try {
    await until(async () => (await stats()).subscribers === subscribers, 'all subscribed')
    result.openMs = performance.now() - started
    // The opening bytes (a comment, an `id:` anchor) differ by contender: count from after them.
    for (let total = -1; total !== streams.bytes.reduce((a, b) => a + b, 0); await sleep(100)) {
      total = streams.bytes.reduce((a, b) => a + b, 0)
    }
    counter.reset()
    for (const events of parsed.values()) events.length = 0
    const total = latencyEvents + burstEvents

    const before = await stats()
    const sentAt: number[] = []
    const start = wallClock()
    for (let j = 0; j < latencyEvents; j++) {
      await sleep(start + (j + 1) * step.intervalMs - wallClock())
      sentAt.push(wallClock())
      getText(`${target.control}/publish?seq=${first + j}`, POST).catch(() => {})
    }
    await counter.allHold(latencyEvents)
    result.latencyMs = sentAt.map((at, j) => (counter.arrivals[j] as number) - at)
    const paced = await stats()
    result.pacedCpuMicros = paced.cpuMicros - before.cpuMicros

    const burstStart = wallClock()
    await getText(`${target.control}/burst?count=${burstEvents}&seq=${first + latencyEvents}`, POST)
    await counter.allHold(total, 180_000)
    const after = await stats()
    result.burst.ms = (counter.arrivals[total - 1] as number) - burstStart
    result.burst.cpuMicros = after.cpuMicros - paced.cpuMicros
    result.burst.systemMicros = after.systemMicros - paced.systemMicros
    result.burst.writeCalls = after.writeCalls - paced.writeCalls

    const wrong = counter.counts.filter((count) => count !== total).length
    if (wrong > 0) throw new Error(`${wrong} streams did not get exactly ${total} events`)
    for (const events of parsed.values()) {
      const same = events.map((e, i) => {
        const sent = fanoutEvent(first + i)
        return e.id === sent.id && e.data === JSON.stringify(sent.data)
      })
      if (events.length !== total || same.includes(false)) {
        throw new Error('A sampled stream parsed other events than were published')
      }
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  } finally {
    streams.destroy()
    await until(async () => (await stats()).subscribers === 0, 'all gone').catch(() => {})
    await getText(`${target.control}/gc`, POST)
  }
  return result
}
