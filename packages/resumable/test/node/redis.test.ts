import { ioredisAdapter } from '@ssekit/redis'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createResumableStreams } from '../../src/index.ts'
import { redisStore } from '../../src/redis/index.ts'
import { resumableContract } from '../harness/contract.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis?.stop())

/** One instance: its own ioredis client, so its own connections and reader, as another process. */
function instance(ttl: number, keyPrefix: string) {
  const client = new Redis(redis.url, { lazyConnect: true })
  const store = redisStore({
    redis: ioredisAdapter(client),
    keyPrefix,
    blockMs: Number(process.env.BLOCK_MS ?? 5000),
  })
  const streams = createResumableStreams({ store, ttl, lease: 1000 })
  return {
    streams,
    close: async () => {
      await streams.close()
      await store.close()
    },
  }
}

let prefixes = 0
resumableContract('Redis, across two instances', async (ttl) => {
  const keyPrefix = `test${prefixes++}:`
  const a = instance(ttl, keyPrefix)
  const b = instance(ttl, keyPrefix)
  return {
    producer: a.streams,
    reader: b.streams,
    close: async () => {
      await a.close()
      await b.close()
    },
  }
})

describe('redisStore() keys', () => {
  test("a stream's keys are the record and its channel's, and all of them expire once it ends", async () => {
    const a = instance(60_000, 'keys:')
    try {
      await a.streams.start('k1', ['x'])
      await new Promise((resolve) => setTimeout(resolve, 300))
      const keys = ((await redis.command('KEYS', 'keys:*')) as string[]).sort()
      expect(keys).toEqual(['keys:k1', 'keys:k1%3A', 'keys:k1%3A:default'])
      for (const key of keys) {
        const ttl = Number(await redis.command('PTTL', key))
        expect(ttl).toBeGreaterThan(50_000)
        expect(ttl).toBeLessThanOrEqual(60_000)
      }
    } finally {
      await a.close()
    }
  })
})
