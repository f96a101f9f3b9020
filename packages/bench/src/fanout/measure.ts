/**
 * Fan-out micro-benchmark: the time to publish one event to many in-process subscribers through a
 * channel (one encode, shared bytes), against a baseline that encodes per subscriber through
 * `sseStream` sinks. Web APIs only, so Node, Bun and Deno can all run it.
 */
import { createChannel, type SSESink, sseStream } from '@ssekit/core'

export interface FanoutOptions {
  /** In-process subscribers, each with a reader draining its stream. */
  subscribers: number
  /** Measured publishes. */
  publishes: number
  /** Unmeasured publishes first, to warm the JIT. @defaultValue 20 */
  warmup?: number
  /** Characters of `data` per event. @defaultValue 100 */
  payload?: number
}

/** Milliseconds. */
export interface Percentiles {
  p50: number
  p99: number
  mean: number
}

export interface FanoutTimes {
  /** The publisher's cost: the synchronous `publish` (or the send loop, for the baseline). */
  publish: Percentiles
  /** From the publish until every subscriber's reader holds the event. */
  delivered: Percentiles
}

export interface FanoutResult {
  subscribers: number
  publishes: number
  /** `createChannel().publish`: one encode per event. */
  channel: FanoutTimes & { encodes: number }
  /** One `sseStream` per subscriber, `sink.send` to each: one encode per subscriber. */
  baseline: FanoutTimes
}

/** Runs the channel, then the baseline, with the same subscribers count and events. */
export async function benchFanout(options: FanoutOptions): Promise<FanoutResult> {
  const { subscribers, publishes, warmup = 20, payload = 100 } = options
  const channel = createChannel({ heartbeat: false, maxBuffered: 1 << 20 })
  const channelRun = await measure(
    subscribers,
    () => channel.subscribe(new Request('http://localhost/events')).body,
    (n) => {
      channel.publish({ event: 'tick', data: { n, text: 'x'.repeat(payload) } })
    },
    publishes,
    warmup,
  )
  const encodes = channel.stats.encodes
  channel.close()

  const sinks: SSESink[] = []
  const controller = new AbortController()
  const baselineRun = await measure(
    subscribers,
    () =>
      sseStream((sink) => void sinks.push(sink), {
        heartbeat: false,
        signal: controller.signal,
      }),
    (n) => {
      const message = { event: 'tick', data: { n, text: 'x'.repeat(payload) } }
      for (const sink of sinks) void sink.send(message)
    },
    publishes,
    warmup,
  )
  controller.abort()
  return { subscribers, publishes, channel: { ...channelRun, encodes }, baseline: baselineRun }
}

async function measure(
  count: number,
  open: () => ReadableStream<Uint8Array> | null,
  publish: (n: number) => void,
  publishes: number,
  warmup: number,
): Promise<FanoutTimes> {
  let chunks = 0
  let target = 0
  let wake: (() => void) | undefined
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    const reader = stream.getReader()
    for (;;) {
      const { done } = await reader.read()
      if (done) return
      if (++chunks >= target) wake?.()
    }
  }
  const reached = (goal: number) =>
    new Promise<void>((resolve) => {
      target = goal
      wake = resolve
      if (chunks >= goal) resolve()
    })
  const readers: Promise<void>[] = []
  for (let i = 0; i < count; i++) {
    const stream = open()
    if (stream) readers.push(drain(stream))
  }
  await reached(count) // every opening comment read
  const publishTimes: number[] = []
  const deliveredTimes: number[] = []
  for (let n = 0; n < warmup + publishes; n++) {
    const goal = chunks + count
    const start = performance.now()
    publish(n)
    const published = performance.now()
    await reached(goal)
    const delivered = performance.now()
    if (n >= warmup) {
      publishTimes.push(published - start)
      deliveredTimes.push(delivered - start)
    }
  }
  void readers
  return { publish: percentiles(publishTimes), delivered: percentiles(deliveredTimes) }
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0
  const mean = sorted.reduce((total, value) => total + value, 0) / Math.max(1, sorted.length)
  return { p50: at(0.5), p99: at(0.99), mean }
}
