/**
 * Fan-out inside one runtime: one event published to many in-process subscribers, each with a
 * reader draining its stream, through the channel (one encode, shared bytes) and through one
 * `sseStream` per subscriber with `sink.send()` to each (one encode each). Per publish it takes
 * the publisher's synchronous cost and the time until every reader holds the event.
 */
import { type SSESink, sseStream } from '@ssekit/core'
import { createChannel } from '../channel.ts'
import { emitResult, readConfig } from '../harness/child.ts'
import { mean, percentile } from '../harness/stats.ts'
import type { FanoutConfig } from './part.ts'

const message = (n: number) => ({ event: 'tick', data: { n, text: 'x'.repeat(100) } })

async function measure(
  subscribers: number,
  open: () => ReadableStream<Uint8Array> | null | Promise<ReadableStream<Uint8Array> | null>,
  publish: (n: number) => void,
  { publishes, warmup }: { publishes: number; warmup: number },
) {
  let chunks = 0
  let goal = 0
  let wake = () => {}
  for (let i = 0; i < subscribers; i++) {
    const reader = (await open())?.getReader()
    void (async () => {
      while (reader && !(await reader.read()).done) if (++chunks >= goal) wake()
    })()
  }
  const reached = (target: number) =>
    new Promise<void>((resolve) => {
      goal = target
      wake = resolve
      if (chunks >= target) resolve()
    })
  await reached(subscribers) // every opening comment read
  const times = { publish: [] as number[], delivered: [] as number[] }
  for (let n = 0; n < warmup + publishes; n++) {
    const target = chunks + subscribers
    const start = performance.now()
    publish(n)
    const published = performance.now()
    await reached(target)
    if (n < warmup) continue
    times.publish.push(published - start)
    times.delivered.push(performance.now() - start)
  }
  const summary = (ms: number[]) => ({
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    mean: mean(ms),
  })
  return {
    /** The publisher's synchronous cost, ms. */
    publish: summary(times.publish),
    /** From the publish until every subscriber's reader holds the event, ms. */
    delivered: summary(times.delivered),
  }
}

/** One step: the channel (one encode per event) against one encode per subscriber. */
async function step(config: FanoutConfig['steps'][number]) {
  const channel = createChannel({ heartbeat: false, maxBuffered: 1 << 20 })
  const subscribe = async () =>
    (await channel.subscribe(new Request('http://localhost/events'))).body
  const times = await measure(
    config.subscribers,
    subscribe,
    // The memory channel delivers inside publish(): the promise only reports the ID.
    (n) => void channel.publish(message(n)),
    config,
  )
  // One encode per publish: the memory channel encodes in publish() itself.
  const encodes = channel.stats.published
  await channel.close()

  const sinks: SSESink[] = []
  const gone = new AbortController()
  const baseline = await measure(
    config.subscribers,
    () => sseStream((sink) => void sinks.push(sink), { heartbeat: false, signal: gone.signal }),
    (n) => {
      const event = message(n)
      for (const sink of sinks) void sink.send(event)
    },
    config,
  )
  gone.abort()
  return { ...config, channel: { ...times, encodes }, baseline }
}

export type FanoutResult = Awaited<ReturnType<typeof step>>

const results: FanoutResult[] = []
for (const config of readConfig<FanoutConfig>().steps) results.push(await step(config))
emitResult({ results })
