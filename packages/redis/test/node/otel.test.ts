import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { type LogRecord, setLogger } from '@ssekit/core'
import { instrumentSsekit, SSEKIT_METRICS, SSEKIT_SPANS } from '@ssekit/otel'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { RedisUnavailableError } from '../../src/index.ts'
import { eventsRequest, openChannel, uniqueName } from '../harness/channels.ts'

// The real SDK, in memory: a reader collected on demand, every ended span kept.
class Reader extends MetricReader {
  protected override async onShutdown() {}
  protected override async onForceFlush() {}
}
const reader = new Reader()
const meterProvider = new MeterProvider({ readers: [reader] })
const spans = new InMemorySpanExporter()
const tracerProvider = new TracerProvider({
  spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
})
const logs: LogRecord[] = []
let redis: RedisServer
let telemetry: ReturnType<typeof instrumentSsekit>
beforeAll(async () => {
  redis = await startRedis()
  telemetry = instrumentSsekit({ meterProvider, tracerProvider })
  setLogger((record) => void logs.push(record))
})
afterAll(async () => {
  telemetry?.close()
  setLogger(undefined)
  await meterProvider.shutdown()
  await redis?.stop()
})

async function counter(name: string, attributes: Record<string, string>): Promise<number> {
  const { resourceMetrics } = await reader.collect()
  const metric = resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((m) => m.descriptor.name === name)
  const point = metric?.dataPoints.find((p) =>
    Object.entries(attributes).every(([key, value]) => p.attributes[key] === value),
  )
  return typeof point?.value === 'number' ? point.value : 0
}

it('a publish on one instance is delivered on another in the same trace, through the entry’s `t` field', async () => {
  const name = uniqueName()
  // Two adapters: two links, two readers, as two processes have.
  const [publisher, subscriber] = [openChannel(redis, { name }), openChannel(redis, { name })]
  const stream = readEventStream(await subscriber.subscribe(eventsRequest()))
  await stream.readChunk()
  await new Promise((resolve) => setTimeout(resolve, 200))
  const id = await publisher.publish({ data: 'traced' })
  await stream.waitForEvents(1)
  const publish = spans.getFinishedSpans().find((span) => span.name === SSEKIT_SPANS.publish)
  expect(publish?.kind).toBe(SpanKind.PRODUCER)
  expect(publish?.attributes).toMatchObject({
    'messaging.message.id': id,
    'ssekit.backend': 'redis',
  })
  const context = publish?.spanContext()
  const deliveries = spans.getFinishedSpans().filter((span) => span.name === SSEKIT_SPANS.deliver)
  // Each instance that follows the topic delivers it: only the subscriber's does here.
  expect(deliveries).toHaveLength(1)
  expect(deliveries[0]?.spanContext().traceId).toBe(context?.traceId)
  expect(deliveries[0]?.parentSpanContext?.spanId).toBe(context?.spanId)
  expect(deliveries[0]?.attributes).toMatchObject({
    'messaging.message.id': id,
    'ssekit.subscribers': 1,
  })
  const entry = (await redis.command('XRANGE', `ssekit:${name}:default`, id, id)) as [
    string,
    string[],
  ][]
  const fields = entry[0]?.[1] ?? []
  expect(fields[fields.indexOf('t') + 1]).toBe(`00-${context?.traceId}-${context?.spanId}-01`)
  await stream.cancel()
  await Promise.all([publisher.close(), subscriber.close()])
})

it('an outage is logged once, without a stack, and its end; its failed publish is counted', async () => {
  const channel = openChannel(redis)
  const stream = readEventStream(await channel.subscribe(eventsRequest()))
  await stream.readChunk()
  await channel.publish({ data: 'before' })
  logs.length = 0
  await redis.kill()
  await expect
    .poll(() => logs.map((record) => record.event), { timeout: 10_000 })
    .toContain('ssekit.redis.outage')
  await expect(channel.publish({ data: 'during' })).rejects.toBeInstanceOf(RedisUnavailableError)
  const failed = spans
    .getFinishedSpans()
    .filter((span) => span.name === SSEKIT_SPANS.publish)
    .at(-1)
  expect(failed?.status.code).toBe(SpanStatusCode.ERROR)
  expect(failed?.attributes['error.type']).toBe('RedisUnavailableError')
  await redis.restart()
  await expect
    .poll(() => logs.map((record) => record.event), { timeout: 15_000 })
    .toContain('ssekit.redis.recovered')
  const errors = SSEKIT_METRICS.backendErrors
  expect(await counter(errors, { 'ssekit.backend': 'redis', 'error.type': 'connection' })).toBe(1)
  expect(await counter(errors, { 'ssekit.backend': 'redis', 'error.type': 'publish' })).toBe(1)
  const outage = logs.filter((record) => record.event.startsWith('ssekit.redis.'))
  expect(outage.map((record) => [record.level, record.event])).toEqual([
    ['warn', 'ssekit.redis.outage'],
    ['info', 'ssekit.redis.recovered'],
  ])
  for (const record of outage) {
    for (const value of Object.values(record)) expect(String(value)).not.toMatch(/\n\s+at /)
  }
  await stream.cancel()
  await channel.close()
})
