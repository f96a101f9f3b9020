import { createRedisChannel, ioredisAdapter } from '@ssekit/redis'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/create-app.ts'
import type { FeedEvents } from '../src/feed-message.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the app’s POST /events on a Redis feed', () => {
  it('answers 503 with Retry-After while Redis is down, and 201 again once it is back', async () => {
    const feed = createRedisChannel<FeedEvents>({
      name: `feed-${process.pid}`,
      redis: ioredisAdapter(new Redis(redis.port, '127.0.0.1', { lazyConnect: true })),
    })
    const app = createApp({ feed })
    const post = () =>
      app.request('/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'ada', text: 'hi' }),
      })
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
