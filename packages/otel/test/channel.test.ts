import { SpanKind } from '@opentelemetry/api'
import { createChannel, GAP_EVENT } from '@ssekit/channel'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { SSEKIT_ATTRIBUTES as A, SSEKIT_METRICS as M, SSEKIT_SPANS as S } from '../src/index.ts'
import { Sdk } from './harness/sdk.ts'

let sdk: Sdk
beforeEach(() => {
  sdk = new Sdk()
})
afterEach(() => sdk.close())

const memory = { [A.backend]: 'memory' }

test('10 publishes to 3 subscribers: ssekit.events.sent up by 30, one publish span each, delivered in its trace', async () => {
  const channel = createChannel()
  const streams = await Promise.all(
    [1, 2, 3].map(async () => readEventStream(await channel.subscribe(new Request('http://x/')))),
  )
  for (const stream of streams) await stream.readChunk()
  const before = await sdk.value(M.eventsSent)
  const ids: string[] = []
  for (let n = 0; n < 10; n++) ids.push(await channel.publish({ data: `event ${n}` }))
  for (const stream of streams) await stream.waitForEvents(10)
  expect(await sdk.value(M.eventsSent)).toBe(before + 30)
  expect(await sdk.value(M.eventsDelivered, memory)).toBe(10)
  expect(await sdk.count(M.publishDuration, memory)).toBe(10)

  const publishes = sdk.ended(S.publish)
  expect(publishes.map((span) => span.attributes['messaging.message.id'])).toEqual(ids)
  expect(publishes[0]?.kind).toBe(SpanKind.PRODUCER)
  expect(publishes[0]?.attributes).toMatchObject({
    'messaging.system': 'ssekit',
    'messaging.operation.type': 'send',
    'messaging.destination.name': 'default',
    [A.backend]: 'memory',
  })
  const deliveries = sdk.ended(S.deliver)
  expect(deliveries).toHaveLength(10)
  deliveries.forEach((span, n) => {
    const publish = publishes[n]?.spanContext()
    expect(span.kind).toBe(SpanKind.CONSUMER)
    expect(span.spanContext().traceId).toBe(publish?.traceId)
    expect(span.parentSpanContext?.spanId).toBe(publish?.spanId)
    expect(span.attributes).toMatchObject({ 'messaging.message.id': ids[n], [A.subscribers]: 3 })
  })
  for (const stream of streams) await stream.cancel()
  await channel.close()
})

test('a publish that fails ends its span with an error and is timed with error.type', async () => {
  const channel = createChannel()
  await expect(channel.publish({ data: 'x', retry: -1 })).rejects.toThrow(RangeError)
  const [span] = sdk.ended(S.publish)
  expect(span?.status.code).toBe(2) // SpanStatusCode.ERROR
  expect(span?.attributes['error.type']).toBe('RangeError')
  expect(await sdk.count(M.publishDuration, { ...memory, 'error.type': 'RangeError' })).toBe(1)
  await channel.close()
})

test('replays are counted by outcome, a gap event counted, each in a ssekit.replay span', async () => {
  const channel = createChannel()
  const first = await channel.publish({ data: 'one' })
  await channel.publish({ data: 'two' })
  const resume = async (lastEventId: string) => {
    const request = new Request('http://x/', { headers: { 'last-event-id': lastEventId } })
    const stream = readEventStream(await channel.subscribe(request))
    await stream.waitForEvents(lastEventId === first ? 1 : 3)
    await stream.cancel()
    return stream
  }
  await resume(first)
  const gapped = await resume('no-such-id')
  expect(gapped.events[0]?.event).toBe(GAP_EVENT)
  expect(await sdk.value(M.replays, { ...memory, [A.replayOutcome]: 'complete' })).toBe(1)
  expect(await sdk.value(M.replays, { ...memory, [A.replayOutcome]: 'gap' })).toBe(1)
  expect(await sdk.value(M.gapEvents, memory)).toBe(1)
  const replays = sdk.ended(S.replay).map((span) => span.attributes)
  expect(replays).toEqual([
    { ...memory, [A.replayOutcome]: 'complete', [A.replayEvents]: 1 },
    { ...memory, [A.replayOutcome]: 'gap', [A.replayEvents]: 2 },
  ])
  await channel.close()
})

test('slow consumers: a disconnect and dropped writes are counted by backend', async () => {
  const channel = createChannel({ maxBuffered: 64 })
  const slow = await channel.subscribe(new Request('http://x/'))
  const dropping = await channel.subscribe(new Request('http://x/'), {
    slowConsumer: 'drop-oldest',
  })
  // Neither body is read: both fall behind at once.
  for (let n = 0; n < 5; n++) await channel.publish({ data: 'x'.repeat(40) })
  expect(await sdk.value(M.slowConsumerDisconnects, memory)).toBe(1)
  expect(await sdk.value(M.slowConsumerDropped, memory)).toBe(channel.stats.dropped)
  expect(channel.stats.dropped).toBeGreaterThan(0)
  await slow.body?.cancel()
  await dropping.body?.cancel()
  await channel.close()
})
