/**
 * Fan-out micro-benchmark: the time to publish one event to many in-process subscribers through a
 * channel (one encode, shared bytes), against a baseline that encodes per subscriber through
 * `sseStream` sinks. Web APIs only, so Node, Bun and Deno can all run it.
 */
import { createChannel } from '@ssekit/channel'
import { type SSESink, sseStream } from '@ssekit/core'
import { mean, percentile } from '../stats.ts'
import type { FanoutOptions, FanoutResult, FanoutTimes, Percentiles } from './types.ts'

/** Runs the channel, then the baseline, with the same subscribers count and events. */
export async function benchFanout(options: FanoutOptions): Promise<FanoutResult> {
  const { subscribers, publishes, warmup = 20, payload = 100 } = options
  const channel = createChannel({ heartbeat: false, maxBuffered: 1 << 20 })
  const channelRun = await measure(
    subscribers,
    async () => (await channel.subscribe(new Request('http://localhost/events'))).body,
    (n) => {
      void channel.publish({ event: 'tick', data: { n, text: 'x'.repeat(payload) } })
    },
    publishes,
    warmup,
  )
  // One encode per publish: the memory channel encodes in publish() itself.
  const encodes = channel.stats.published
  await channel.close()

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
  open: () => ReadableStream<Uint8Array> | null | Promise<ReadableStream<Uint8Array> | null>,
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
    const stream = await open()
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

function percentiles(samples: readonly number[]): Percentiles {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), mean: mean(samples) }
}
