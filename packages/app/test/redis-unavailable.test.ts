import { compareTimeOrderedIds } from '@ssekit/channel/backend'
import { createRedisChannel, ioredisAdapter } from '@ssekit/redis'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/create-app.ts'
import type { FeedEvents } from '../src/feed-message.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  redis?.thaw()
  await redis?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The app on a Redis feed of its own, with the default timeouts, and a chat POST. */
function appOnRedis() {
  const feed = createRedisChannel<FeedEvents>({
    name: `feed-${process.pid}-${Math.random()}`,
    redis: ioredisAdapter(new Redis(redis.port, '127.0.0.1', { lazyConnect: true })),
  })
  const app = createApp({ feed })
  const post = (text = 'hi') =>
    app.request('/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'ada', text }),
    })
  return { feed, app, post }
}

describe('the app’s POST /events on a Redis feed', () => {
  it('answers 503 with Retry-After while Redis is down, and 201 again once it is back', async () => {
    const { feed, post } = appOnRedis()
    expect((await post()).status).toBe(201)
    await redis.kill()
    await sleep(100)
    const down = await post()
    expect(down.status).toBe(503)
    expect(down.headers.get('retry-after')).toBe('1')
    expect(await down.text()).toBe('Cannot publish: Redis is unreachable')
    await redis.restart()
    let status = 0
    for (let i = 0; i < 100 && status !== 201; i++) {
      status = (await post()).status
      if (status !== 201) await sleep(50)
    }
    expect(status).toBe(201)
    await feed.close()
  })
})

describe('the app on a Redis feed while Redis is frozen (SIGSTOP)', () => {
  it('answers a POST 503 with Retry-After instead of hanging, and every acknowledged event reaches the subscriber once, in order, after SIGCONT', async () => {
    const { feed, app, post } = appOnRedis()
    const stream = readEventStream(await app.request('/events'), { timeoutMs: 20_000 })
    void stream.follow().catch(() => {})
    const acknowledged: string[] = []
    const created = async (text: string) => {
      const response = await post(text)
      expect(response.status).toBe(201)
      acknowledged.push(((await response.json()) as { id: string }).id)
    }
    await created('before')
    redis.freeze()
    let frozen: Response | 'still waiting'
    try {
      // The default command timeout answers it in about 2 s; 10 s means it hung.
      frozen = await Promise.race([
        post('while frozen'),
        sleep(10_000).then(() => 'still waiting' as const),
      ])
    } finally {
      redis.thaw()
    }
    if (frozen === 'still waiting') throw new Error('POST /events hung while Redis was frozen')
    expect(frozen.status).toBe(503)
    expect(frozen.headers.get('retry-after')).toBe('1')
    expect(await frozen.text()).toMatch(/^Cannot publish: Redis did not answer/)
    let status = 0
    for (let i = 0; i < 100 && status !== 201; i++) {
      const response = await post('after')
      status = response.status
      if (status === 201) acknowledged.push(((await response.json()) as { id: string }).id)
      else await sleep(50)
    }
    expect(status).toBe(201)
    await created('last')
    const chats = () => stream.events.filter((event) => event.event === 'chat')
    await stream.waitUntil(() => chats().at(-1)?.id === acknowledged.at(-1), 'the last chat')
    const ids = chats().map((event) => event.id as string)
    expect(ids).toEqual([...new Set(ids)].sort(compareTimeOrderedIds))
    // Every acknowledged chat; besides, at most the one whose POST got 503 (Redis may run it late).
    expect(ids.filter((id) => acknowledged.includes(id))).toEqual(acknowledged)
    expect(ids.length - acknowledged.length).toBeLessThanOrEqual(1)
    await stream.cancel()
    await feed.close()
  })
})
