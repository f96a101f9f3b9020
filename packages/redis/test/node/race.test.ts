import type { Channel as RedisChannel } from '@ssekit/channel'
import { GAP_EVENT } from '@ssekit/channel'
import { compareTimeOrderedIds } from '@ssekit/channel/backend'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisChannel, ioredisAdapter } from '../../src/index.ts'
import { eventsRequest, templateClient, uniqueName } from '../harness/channels.ts'
import { DelayedAdapter, seeded } from '../harness/delayed-adapter.ts'

let redis: RedisServer
// Two instances, each with its reader; a keeper channel on each holds its connections across runs.
let instances: { adapter: DelayedAdapter; keeper: RedisChannel }[]
beforeAll(async () => {
  redis = await startRedis()
  instances = [1, 2].map(() => {
    const adapter = new DelayedAdapter(ioredisAdapter(templateClient(redis)))
    return { adapter, keeper: createRedisChannel({ name: uniqueName(), redis: adapter }) }
  })
})
afterAll(async () => {
  await Promise.all(instances?.map(({ keeper }) => keeper.close()) ?? [])
  await redis?.stop()
})

describe('RedisChannel replay/live boundary', () => {
  it('sends no gap and no repeat while publishes race a replay, in 1 500 seeded schedules', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.nat(),
        fc.integer(),
        async (before, during, pick, seed) => {
          const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]]
          a.adapter.random = seeded(seed)
          b.adapter.random = seeded(seed ^ 0x5bd1e995)
          const name = uniqueName()
          const publisher = createRedisChannel({ name, redis: a.adapter, heartbeat: false })
          const subscriber = createRedisChannel({ name, redis: b.adapter, heartbeat: false })
          const ids: string[] = []
          for (let i = 0; i < before; i++) ids.push(await publisher.publish({ data: `${i}` }))
          // A stored ID, or one this channel never issued (then: gap event, then all stored).
          const resumeAt = before === 0 ? -1 : (pick % (before + 1)) - 1
          const lastId = resumeAt < 0 ? '1-0' : (ids[resumeAt] as string)
          const stream = readEventStream(await subscriber.subscribe(eventsRequest(lastId)), {
            timeoutMs: 5000,
          })
          // Publishes race the replay (on both instances), acknowledged in any order.
          const racing = Array.from({ length: during }, (_, i) =>
            (i % 2 ? subscriber : publisher).publish({ data: `${before + i}` }),
          )
          ids.push(...(await Promise.all(racing)))
          ids.sort(compareTimeOrderedIds)
          // A last event after everything: any repeat or stray event would arrive before it.
          const sentinel = await publisher.publish({ data: 'end' })
          await stream.waitUntil(() => stream.events.at(-1)?.id === sentinel, 'the sentinel')
          await stream.cancel()
          await Promise.all([publisher.close(), subscriber.close()])

          const gap = stream.events.filter((event) => event.event === GAP_EVENT)
          const events = stream.events.filter((event) => event.event !== GAP_EVENT)
          const expected = resumeAt < 0 ? ids : ids.slice(resumeAt + 1)
          expect(events.map((event) => event.id)).toEqual([...expected, sentinel])
          expect(gap.length).toBe(resumeAt < 0 ? 1 : 0)
          if (resumeAt < 0) expect(stream.events[0]?.event).toBe(GAP_EVENT)
        },
      ),
      { numRuns: 1500 },
    )
  })
})
