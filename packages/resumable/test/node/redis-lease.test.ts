import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ioredisAdapter } from '@ssekit/redis'
import { type RedisServer, readEventStream, startRedis } from '@ssekit/testkit'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createResumableStreams } from '../../src/index.ts'
import { redisStore } from '../../src/redis/index.ts'
import { chunksOf, endOf } from '../harness/producers.ts'

const PRODUCER = fileURLToPath(new URL('../fixtures/redis-producer.ts', import.meta.url))
let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis?.stop())

test('a producer whose process dies ends its stream failed, and readers elsewhere get the end event', async () => {
  const lease = 600
  const child = spawn(process.execPath, [PRODUCER, redis.url, 'lease:', 'doomed', String(lease)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => data.toString().includes('started') && resolve())
      child.once('exit', (code) => reject(new Error(`The producer exited with ${code}`)))
    })
    const store = redisStore({
      redis: ioredisAdapter(new Redis(redis.url, { lazyConnect: true })),
      keyPrefix: 'lease:',
    })
    const streams = createResumableStreams({ store, lease })
    try {
      const reader = readEventStream(
        await streams.subscribe(new Request('https://example.com/'), 'doomed'),
        {
          timeoutMs: 10_000,
        },
      )
      await reader.waitForEvents(3)
      child.kill('SIGKILL')
      // No timing threshold: the read timeout above bounds how long the end may take.
      await reader.readToEnd()
      expect(chunksOf(reader.events).slice(0, 3)).toEqual(['chunk 0', 'chunk 1', 'chunk 2'])
      expect(endOf(reader.events)).toMatchObject({
        state: 'failed',
        error: expect.stringMatching(/renewed no lease/),
      })
      expect(await streams.get('doomed')).toMatchObject({ state: 'failed' })
    } finally {
      await streams.close()
      await store.close()
    }
  } finally {
    child.kill('SIGKILL')
  }
})
