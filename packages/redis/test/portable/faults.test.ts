import { GAP_EVENT } from '@ssekit/channel'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { type EventStreamReader, readEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisUnavailableError } from '../../src/index.ts'
import { eventsRequest, openChannel, publishWhenBack, uniqueName } from '../harness/channels.ts'

let redis: RedisServer
beforeAll(async () => {
  // fsync before each answer: with `everysec`, a busy disk lets Redis postpone its AOF write by
  // up to 2 s while it answers, and kill -9 then loses acknowledged events (see the README).
  redis = await startRedis(['--appendfsync', 'always'])
})
afterAll(async () => {
  await redis?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const follow = (response: Response): EventStreamReader => {
  const stream = readEventStream(response, { timeoutMs: 15_000 })
  void stream.follow().catch(() => {})
  return stream
}

describe('RedisChannel when Redis restarts', () => {
  it('rejects publish() with RedisUnavailableError while Redis is down, never resolving', async () => {
    const channel = openChannel(redis)
    await channel.publish({ data: 'before' })
    await redis.kill()
    await sleep(100)
    const attempt = channel.publish({ data: 'during' })
    await expect(attempt).rejects.toBeInstanceOf(RedisUnavailableError)
    await expect(attempt).rejects.toThrow('Cannot publish: Redis is unreachable')
    await expect(attempt).rejects.toMatchObject({ sent: false })
    await redis.restart()
    await publishWhenBack(() => channel.publish({ data: 'after' }))
    await channel.close()
  })

  it('keeps subscribers open with heartbeats and gives them every acknowledged event once, in order', async () => {
    const name = uniqueName()
    const a = openChannel(redis, { name, heartbeat: 100 })
    const b = openChannel(redis, { name, heartbeat: 100 })
    const streams = await Promise.all(
      [a, b].map(async (channel) => follow(await channel.subscribe(eventsRequest()))),
    )
    const acknowledged: string[] = []
    for (let i = 0; i < 20; i++) acknowledged.push(await a.publish({ data: `before ${i}` }))
    await Promise.all(streams.map((stream) => stream.waitForEvents(20)))
    await redis.kill()
    const beatsAtKill = streams.map((stream) => stream.comments.length)
    await expect(b.publish({ data: 'lost' })).rejects.toBeInstanceOf(RedisUnavailableError)
    await sleep(500)
    // The streams stayed open through the outage, and heartbeats kept going.
    for (const [index, stream] of streams.entries()) {
      expect(stream.done).toBe(false)
      expect(stream.comments.length).toBeGreaterThan((beatsAtKill[index] as number) + 2)
    }
    await redis.restart()
    acknowledged.push(await publishWhenBack(() => b.publish({ data: 'after 0' })))
    for (let i = 1; i < 20; i++) acknowledged.push(await b.publish({ data: `after ${i}` }))
    await Promise.all(streams.map((stream) => stream.waitForEvents(40)))
    await sleep(100)
    for (const stream of streams) {
      expect(stream.events.map((event) => event.id)).toEqual(acknowledged)
    }
    await Promise.all([a.close(), b.close()])
  })

  it('resumes from the last ID it delivered when its reader connection drops: what was published meanwhile arrives once', async () => {
    const name = uniqueName()
    const publisher = openChannel(redis, { name })
    const subscriber = openChannel(redis, { name })
    const stream = follow(await subscriber.subscribe(eventsRequest()))
    const acknowledged = [await publisher.publish({ data: 'first' })]
    await stream.waitForEvents(1)
    // Both readers lose their connection; they come back after 25 to 50 ms of backoff, and the
    // publisher's commands connection publishes meanwhile.
    expect(await redis.killClients('ssekit:reader')).toBe(2)
    for (let i = 0; i < 20; i++) acknowledged.push(await publisher.publish({ data: `${i}` }))
    await stream.waitForEvents(21)
    acknowledged.push(await publisher.publish({ data: 'last' }))
    await stream.waitForEvents(22)
    expect(stream.events.map((event) => event.id)).toEqual(acknowledged)
    await Promise.all([publisher.close(), subscriber.close()])
  })

  it('answers an ID from before Redis lost everything with the gap event, even after new events', async () => {
    const name = uniqueName()
    const channel = openChannel(redis, { name })
    const old = [await channel.publish({ data: 'a' }), await channel.publish({ data: 'b' })]
    // What a restart without persistence leaves: nothing. Then life goes on.
    await redis.command('FLUSHALL')
    const fresh = [await channel.publish({ data: 'c' }), await channel.publish({ data: 'd' })]
    const stream = follow(await channel.subscribe(eventsRequest(old[0])))
    await stream.waitForEvents(3)
    expect(stream.events[0]?.event).toBe(GAP_EVENT)
    expect(stream.events.slice(1).map((event) => event.id)).toEqual(fresh)
    await channel.close()
  })

  it('ends every stream with the retry hint once an outage outlasts maxOutage', async () => {
    const channel = openChannel(redis, { maxOutage: 300, outageRetry: 1234 })
    const stream = follow(await channel.subscribe(eventsRequest()))
    await redis.kill()
    await stream.follow()
    expect(stream.retries).toEqual([1234])
    // New subscribers are still taken, and are served once Redis is back.
    await redis.restart()
    const id = await publishWhenBack(() => channel.publish({ data: 'back' }))
    const again = follow(await channel.subscribe(eventsRequest(id)))
    const next = await channel.publish({ data: 'next' })
    await again.waitForEvents(1)
    expect(again.events.map((event) => event.id)).toEqual([next])
    await channel.close()
  })

  it('sends a resume it cannot serve while Redis is down away with the retry hint, not a gap event: the history is still there', async () => {
    const channel = openChannel(redis, { commandTimeout: 300, outageRetry: 1234 })
    const first = await channel.publish({ data: 'first' })
    const second = await channel.publish({ data: 'second' })
    await redis.kill()
    const logged = console.error
    console.error = () => {}
    try {
      const resumed = follow(await channel.subscribe(eventsRequest(first)))
      await resumed.follow()
      expect(resumed.events.map((event) => event.event)).not.toContain(GAP_EVENT)
      expect(resumed.retries).toEqual([1234])
    } finally {
      console.error = logged
    }
    // Back with the same Last-Event-ID once Redis is: nothing was lost.
    await redis.restart()
    await publishWhenBack(() => channel.publish({ data: 'third' }))
    const again = follow(await channel.subscribe(eventsRequest(first)))
    await again.waitForEvents(2)
    expect(again.events.slice(0, 2).map((event) => [event.id, event.data])).toEqual([
      [second, 'second'],
      [expect.any(String), 'third'],
    ])
    await channel.close()
  })
})
