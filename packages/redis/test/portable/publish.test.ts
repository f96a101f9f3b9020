import { compareTimeOrderedIds } from '@ssekit/channel/backend'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisChannel, ioredisAdapter } from '../../src/index.ts'
import { eventsRequest, openChannel, templateClient, uniqueName } from '../harness/channels.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})

describe('RedisChannel.publish()', () => {
  it.each([
    ['an event name with a newline', { event: 'a\nb', data: 'x' }, SyntaxError],
    ['a negative retry', { retry: -1 }, RangeError],
    ['no field at all', {}, TypeError],
    ['an id (Redis assigns it)', { id: '7', data: 'x' }, TypeError],
  ])('rejects %s with a typed error and sends nothing to Redis', async (_, message, type) => {
    const name = uniqueName()
    const channel = openChannel(redis, { name })
    await expect(channel.publish(message as never)).rejects.toBeInstanceOf(type)
    expect(await redis.command('EXISTS', `ssekit:${name}:default`, `ssekit:${name}`)).toBe(0)
    expect(channel.stats.published).toBe(0)
    await channel.close()
  })

  it('rejects a topic that is not a string, and any publish after close()', async () => {
    const channel = openChannel(redis)
    await expect(channel.publish({ data: 'x' }, { topic: 5 as never })).rejects.toThrow(
      new TypeError('Cannot publish: `topic` must be a string'),
    )
    await channel.close()
    await expect(channel.publish({ data: 'x' })).rejects.toThrow(
      'Cannot publish: the channel is closed',
    )
  })

  it('encodes once per event, however many subscribers', async () => {
    const channel = openChannel(redis)
    const streams = await Promise.all(
      [1, 2, 3].map(async () => readEventStream(await channel.subscribe(eventsRequest()))),
    )
    await channel.publish({ event: 'x', data: { n: 1 } })
    for (const stream of streams) {
      const [event] = await stream.waitForEvents(1)
      expect(event).toMatchObject({ event: 'x', data: '{"n":1}' })
    }
    expect(channel.stats).toMatchObject({ published: 1 })
    await channel.close()
  })
})

describe('RedisChannel topics', () => {
  it('orders a channel’s topics by one clock: a client of two topics gets both in publish order and resumes across them', async () => {
    const name = uniqueName()
    const a = openChannel(redis, { name })
    const b = openChannel(redis, { name })
    const both = readEventStream(await b.subscribe(eventsRequest(), { topics: ['red', 'blue'] }))
    const blueOnly = readEventStream(await b.subscribe(eventsRequest(), { topics: 'blue' }))
    const published: [string, string][] = []
    // Alternating in one millisecond would give two streams' own `*` IDs the same `<ms>-0`.
    const sent = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const topic = i % 2 ? 'red' : 'blue'
        return a
          .publish({ data: `${topic} ${i}` }, { topic })
          .then((id) => [id, topic] as [string, string])
      }),
    )
    published.push(...sent)
    await both.waitForEvents(40)
    await blueOnly.waitForEvents(20)
    const order = [...published].sort(([x], [y]) => compareTimeOrderedIds(x, y))
    expect(new Set(published.map(([id]) => id)).size).toBe(40)
    expect(both.events.map((event) => event.id)).toEqual(order.map(([id]) => id))
    expect(blueOnly.events.map((event) => event.id)).toEqual(
      order.filter(([, topic]) => topic === 'blue').map(([id]) => id),
    )
    // Resume after a red event with both topics: the rest of both, nothing twice.
    const resumeAt = both.events[9]?.id as string
    const resumed = readEventStream(
      await a.subscribe(eventsRequest(resumeAt), { topics: ['blue', 'red'] }),
    )
    await resumed.waitForEvents(30)
    expect(resumed.events.map((event) => event.id)).toEqual(
      both.events.slice(10).map((event) => event.id),
    )
    await Promise.all([a.close(), b.close()])
  })
})

describe('createRedisChannel()', () => {
  it.each([
    ['an empty name', { name: '' }, TypeError, '`name`'],
    ['a zero maxLen', { maxLen: 0 }, RangeError, '`maxLen`'],
    ['a blockMs over 10 s', { blockMs: 10_001 }, RangeError, '`blockMs`'],
    ['a fractional maxOutage', { maxOutage: 1.5 }, RangeError, '`maxOutage`'],
  ])('refuses %s, naming the option', (_, options, type, option) => {
    const redisAdapter = ioredisAdapter(templateClient(redis))
    const create = () => createRedisChannel({ name: 'x', redis: redisAdapter, ...options })
    expect(create).toThrow(type)
    expect(create).toThrow(option)
  })
})
