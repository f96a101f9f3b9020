import { setTimeout as sleep } from 'node:timers/promises'
import type { EventSourceMessage } from 'eventsource-parser'
import { EventCounter, wallClock } from '../harness/event-counter.ts'
import { getJson, getText, until } from '../harness/server.ts'
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

const POST = { method: 'POST' }

/**
 * One contender, one size, one round: open `subscribers` streams on `target.url` (the first
 * `sampled` also parse every event with eventsource-parser), publish paced events then a burst
 * through the control port at `target.control`, check that every stream got exactly the events
 * published and the sampled ones their exact content, and drop every stream. Events are numbered
 * from `first`. A failure is recorded in the round, not thrown, so a full run reports what broke.
 */
export async function measureRound(
  target: { contender: string; url: string; control: string },
  step: FanoutStep,
  round: number,
  first: number,
  sampled: number,
) {
  const { subscribers, latencyEvents, burstEvents } = step
  const result = {
    ...{ contender: target.contender, subscribers, round, error: undefined as string | undefined },
    /** Milliseconds to open every stream and see the server count them all. */
    openMs: 0,
    /** Publish command → the event on the last stream, one per paced event. */
    latencyMs: [] as number[],
    /** The burst: from the command to its last event on the last stream, and the server's costs. */
    burst: { events: burstEvents, ms: 0, cpuMicros: 0, systemMicros: 0, writeCalls: 0 },
  }
  const stats = () => getJson<ServerStats>(`${target.control}/stats`)
  const counter = new EventCounter(subscribers)
  const parsed = Array.from({ length: sampled }, (): EventSourceMessage[] => [])
  const streams = await openStreams(target.url, subscribers, {
    onBody: (index, bytes) => counter.feed(index, bytes),
    onEvent: (index, event) => parsed[index]?.push(event),
    parsed: sampled,
    headTimeoutMs: 0, // The server's count says when all are in.
  })
  try {
    const subscribed = async () => (await stats()).subscribers === subscribers
    result.openMs = streams.openMs + (await until('every subscriber', subscribed))
    // The opening bytes (a comment, an `id:` anchor) differ by contender: count from after them.
    const total = () => streams.bytes.reduce((sum, bytes) => sum + bytes, 0)
    for (let last = -1; last !== total(); await sleep(100)) last = total()
    counter.reset()
    for (const events of parsed) events.length = 0

    const sentAt: number[] = []
    // Each command after the one before it: on a loaded machine two requests on two connections
    // can reach the server out of order, and the events would be published out of order.
    let sending = Promise.resolve()
    for (let j = 0, start = wallClock(); j < latencyEvents; j++) {
      await sleep(Math.max(0, start + (j + 1) * step.intervalMs - wallClock()))
      sending = sending.then(() => {
        sentAt.push(wallClock())
        return getText(`${target.control}/publish?seq=${first + j}`, POST).then(
          () => {},
          () => {},
        )
      })
    }
    await counter.allHold(latencyEvents)
    result.latencyMs = sentAt.map((at, j) => (counter.arrivals[j] as number) - at)
    const paced = await stats()

    const burstStart = wallClock()
    await getText(`${target.control}/burst?count=${burstEvents}&seq=${first + latencyEvents}`, POST)
    await counter.allHold(latencyEvents + burstEvents, 180_000)
    const after = await stats()
    result.burst.ms = (counter.arrivals.at(-1) as number) - burstStart
    result.burst.cpuMicros = after.cpuMicros - paced.cpuMicros
    result.burst.systemMicros = after.systemMicros - paced.systemMicros
    result.burst.writeCalls = after.writeCalls - paced.writeCalls

    const wrong = counter.counts.filter((count) => count !== latencyEvents + burstEvents).length
    if (wrong > 0) throw new Error(`${wrong} streams did not get exactly the events published`)
    const published = (event: EventSourceMessage, i: number) => {
      const sent = fanoutEvent(first + i)
      return event.id === sent.id && event.data === JSON.stringify(sent.data)
    }
    if (
      !parsed.every(
        (events) => events.length === latencyEvents + burstEvents && events.every(published),
      )
    ) {
      throw new Error('A sampled stream parsed other events than were published')
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  } finally {
    streams.destroy()
    await until('every subscriber gone', async () => (await stats()).subscribers === 0).catch(
      () => {},
    )
    await getText(`${target.control}/gc`, POST)
  }
  return result
}

/** One contender's round at one size. */
export type FanoutRound = Awaited<ReturnType<typeof measureRound>>
