import { env } from 'cloudflare:workers'
import { type LogRecord, setLogger } from '@ssekit/core'
import { type DeliveredEvent, type Instrumentation, setInstrumentation } from '@ssekit/core/backend'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { eventsRequest, freshChannel, objectOf, open } from './helpers.ts'

// A recording instrumentation: the seam itself, so this runs in workerd without an SDK.
const delivered: DeliveredEvent[] = []
const errors: string[] = []
const published: string[] = []
const logs: LogRecord[] = []
let traces = 0
const recording: Instrumentation = {
  streamOpened() {},
  streamClosed() {},
  eventsSent() {},
  bytesSent() {},
  heartbeatSent() {},
  slowConsumerDisconnected() {},
  slowConsumerDropped() {},
  publishStarted(backend) {
    const traceparent = `00-${'ab'.repeat(16)}-${(++traces).toString(16).padStart(16, '0')}-01`
    return { traceparent, end: ({ id }) => void published.push(`${backend} ${id} ${traceparent}`) }
  },
  delivered: (_, event) => void delivered.push(event),
  replayStarted: () => ({ end() {} }),
  backendError: (backend, type) => void errors.push(`${backend} ${type}`),
}

beforeEach(() => {
  setInstrumentation(recording)
  setLogger((record) => void logs.push(record))
})
afterEach(() => {
  setInstrumentation(undefined)
  setLogger(undefined)
  for (const list of [delivered, errors, published, logs]) list.length = 0
})

it("carries each publish's traceparent through SQLite and the broadcast to the Worker's delivery", async () => {
  const channel = freshChannel()
  const stream = await open(channel.subscribe(eventsRequest()))
  await stream.readChunk()
  const ids = [await channel.publish({ data: 'a' }), await channel.publish({ data: 'b' })]
  await stream.waitForEvents(2)
  const sent = published.map((line) => line.split(' ')[2])
  expect(published.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual(
    ids.map((id) => `durable-object ${id}`),
  )
  expect(delivered.map((event) => [event.id, event.traceparent])).toEqual([
    [ids[0], sent[0]],
    [ids[1], sent[1]],
  ])
  const stored = await objectOf(channel, env.CHANNELS).readAfter('0', ['default'])
  expect(stored.events.map((event) => event.trace)).toEqual(sent)
  await stream.cancel()
  await channel.close()
})

it('an object that cannot be reached is counted and logged once, without a stack', async () => {
  const channel = freshChannel(env.BROKEN)
  for (let n = 0; n < 3; n++) {
    const stream = await open(channel.subscribe(eventsRequest()))
    await stream.readToEnd()
  }
  expect(errors).toEqual(Array(3).fill('durable-object unreachable'))
  const lines = logs.filter((record) => record.event === 'ssekit.durable-object.unreachable')
  expect(lines).toHaveLength(1)
  expect(lines[0]?.level).toBe('warn')
  for (const value of Object.values(lines[0] ?? {})) expect(String(value)).not.toMatch(/\n\s+at /)
  // Once the object answers again, that is logged too.
  const healthy = freshChannel()
  const stream = await open(healthy.subscribe(eventsRequest()))
  await stream.readChunk()
  expect(logs.map((record) => record.event)).toContain('ssekit.durable-object.recovered')
  await stream.cancel()
})
