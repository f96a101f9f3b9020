import { compareTimeOrderedIds } from '@ssekit/channel/backend'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { type EventStreamReader, readEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisUnavailableError } from '../../src/index.ts'
import { eventsRequest, openChannel, publishWhenBack, uniqueName } from '../harness/channels.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  redis?.thaw()
  await redis?.stop()
})

const follow = (response: Response): EventStreamReader => {
  const stream = readEventStream(response, { timeoutMs: 15_000 })
  void stream.follow().catch(() => {})
  return stream
}

/** How `promise` settled within `ms`, or `{ pending }`: a hang fails an assertion, not the run. */
async function within<T>(promise: Promise<T>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const pending = new Promise<{ pending: true }>((resolve) => {
    timer = setTimeout(() => resolve({ pending: true }), ms)
  })
  const settled = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )
  try {
    return await Promise.race([settled, pending])
  } finally {
    clearTimeout(timer)
  }
}

describe('RedisChannel while Redis is frozen (SIGSTOP), then continued', () => {
  it('rejects publishes with RedisUnavailableError, sends new subscribers away with the retry hint, and delivers every acknowledged event once, in order', async () => {
    const name = uniqueName()
    const timing = { commandTimeout: 300, outageRetry: 1500 }
    const publisher = openChannel(redis, { name, ...timing })
    // Short blocking reads: the reader's own read times out during the freeze too.
    const instance = openChannel(redis, { name, ...timing, blockMs: 200, heartbeat: 100 })
    const early = follow(await instance.subscribe(eventsRequest()))
    const acknowledged = [await publisher.publish({ data: 'before' })]
    await early.waitForEvents(1)

    redis.freeze()
    let resumed: EventStreamReader
    try {
      // Sent, never answered: it may yet be stored when Redis continues.
      const lost = await within(publisher.publish({ data: 'in flight' }), 10_000)
      expect(lost).toMatchObject({ error: expect.any(RedisUnavailableError) })
      expect(lost).toMatchObject({ error: { sent: true } })
      // The connection counts as lost now: the next publish is refused before it is sent.
      const refused = await within(publisher.publish({ data: 'refused' }), 10_000)
      expect(refused).toMatchObject({
        error: { message: 'Cannot publish: Redis is unreachable', sent: false },
      })
      // A subscriber whose topic needs Redis to start cannot be live: it is sent away.
      const away = await within(instance.subscribe(eventsRequest(), { topics: 'other' }), 10_000)
      if (!('value' in away)) throw new Error('subscribe() did not resolve while Redis was frozen')
      const sentAway = await readEventStream(away.value, { timeoutMs: 5000 }).readToEnd()
      expect(sentAway.retries).toEqual([1500])
      expect(sentAway.events).toEqual([])
      // One that resumes on a topic read here already waits, with heartbeats, for its replay.
      resumed = follow(await instance.subscribe(eventsRequest(acknowledged[0])))
      const beats = early.comments.length
      await early.waitUntil(() => early.comments.length >= beats + 3, 'heartbeats while frozen')
      expect(early.done).toBe(false)
    } finally {
      redis.thaw()
    }

    acknowledged.push(await publishWhenBack(() => publisher.publish({ data: 'after 0' })))
    for (let i = 1; i < 5; i++) acknowledged.push(await publisher.publish({ data: `after ${i}` }))
    const last = acknowledged.at(-1)
    for (const stream of [early, resumed]) {
      await stream.waitUntil(() => stream.events.at(-1)?.id === last, 'the last event')
      const ids = stream.events.map((event) => event.id as string)
      // Once each, in order: the acknowledged ones all, and only the one in flight besides.
      expect(ids).toEqual([...new Set(ids)].sort(compareTimeOrderedIds))
      expect(ids.filter((id) => acknowledged.includes(id))).toEqual(
        stream === early ? acknowledged : acknowledged.slice(1),
      )
      const others = stream.events.filter((event) => !acknowledged.includes(event.id as string))
      expect(others.every((event) => event.data === 'in flight')).toBe(true)
    }
    // The client sent away comes back, and is live.
    const back = follow(await instance.subscribe(eventsRequest(), { topics: 'other' }))
    const other = await publisher.publish({ data: 'other' }, { topic: 'other' })
    await back.waitForEvents(1)
    expect(back.events.map((event) => event.id)).toEqual([other])
    await Promise.all([publisher.close(), instance.close()])
  })
})
