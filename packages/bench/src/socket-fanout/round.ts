import type { ServerStats } from './control.ts'
import type { ControlClient } from './control-client.ts'
import { fanoutEvent } from './event.ts'
import { SubscriberSockets } from './subscriber-sockets.ts'
import type { FanoutRound, FanoutStep, FanoutTarget } from './types.ts'

/**
 * One contender, one size, one round: connect, calibrate, paced events, a burst, checks, drop.
 * A failure is recorded in the round rather than thrown, so a full run reports what broke.
 * Events are numbered from `first`: one to learn the event length, then the paced ones, then the
 * burst.
 */
export async function measureRound(
  target: FanoutTarget,
  control: ControlClient,
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
  const sockets = new SubscriberSockets()
  try {
    const started = performance.now()
    await sockets.open(target.port, subscribers, sampled)
    await until(
      async () => (await stats(control)).subscribers === subscribers,
      120_000,
      'all subscribed',
    )
    result.openMs = performance.now() - started
    // The opening bytes (a comment, an `id:` anchor) differ by contender: count from after them.
    await quiet(sockets)
    sockets.markBase()
    control.send(`publish ${first}`)
    await until(() => sockets.sinceBase().every((bytes) => bytes > 0), 60_000, 'first event')
    await quiet(sockets)
    const lengths = new Set(sockets.sinceBase())
    if (lengths.size !== 1 || sockets.streaming !== subscribers) {
      throw new Error(
        `The first event has ${lengths.size} lengths over ${sockets.streaming} streams`,
      )
    }
    const total = 1 + latencyEvents + burstEvents
    sockets.startCounting([...lengths][0] as number, 1, total)

    const before = await stats(control)
    const sentAt: number[] = []
    const start = performance.now()
    for (let j = 1; j <= latencyEvents; j++) {
      await sleepUntil(start + j * step.intervalMs)
      sentAt.push(performance.now())
      control.send(`publish ${first + j}`)
    }
    for (let j = 1; j <= latencyEvents; j++) {
      result.latencyMs.push((await sockets.completion(j, 60_000)) - (sentAt[j - 1] as number))
    }
    const paced = await stats(control)
    result.pacedCpuMicros = paced.cpuMicros - before.cpuMicros

    const burstStart = performance.now()
    const published = control.request(`burst ${burstEvents} ${first + 1 + latencyEvents}`)
    const last = await sockets.completion(total - 1, 180_000)
    await published
    const after = await stats(control)
    result.burst.ms = last - burstStart
    result.burst.cpuMicros = after.cpuMicros - paced.cpuMicros
    result.burst.writeCalls = after.writeCalls - paced.writeCalls
    result.burst.systemMicros = after.systemMicros - paced.systemMicros

    const misframed = sockets.misframed(total)
    if (misframed > 0) throw new Error(`${misframed} sockets got bytes that are not whole events`)
    checkSamples(sockets.samples(), first, total)
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  } finally {
    sockets.destroy()
    await until(async () => (await stats(control)).subscribers === 0, 60_000, 'all gone').catch(
      () => {},
    )
    await control.request('gc')
  }
  return result
}

/** Every sampled socket parsed exactly the events published, in order, with their data. */
function checkSamples(
  samples: { id?: string | undefined; data: string }[][],
  first: number,
  total: number,
): void {
  for (const events of samples) {
    if (events.length !== total)
      throw new Error(`A sampled socket parsed ${events.length} of ${total} events`)
    events.forEach((event, i) => {
      const sent = fanoutEvent(first + i)
      if (event.id !== sent.id || event.data !== JSON.stringify(sent.data)) {
        throw new Error(`A sampled socket's event ${i} differs from what was published`)
      }
    })
  }
}

async function stats(control: ControlClient): Promise<ServerStats> {
  return JSON.parse(await control.request('stats')) as ServerStats
}

async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for: ${what}`)
    await sleep(20)
  }
}

// Bytes still arriving (opening comments, the first event) settle within a few polls.
async function quiet(sockets: SubscriberSockets): Promise<void> {
  let last = -1
  let still = 0
  while (still < 3) {
    await sleep(50)
    const total = sockets.totalBytes
    still = total === last ? still + 1 : 0
    last = total
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function sleepUntil(at: number): Promise<void> {
  return sleep(Math.max(0, at - performance.now()))
}
