import { type RedisServer, startRedis } from '@ssekit/testkit'
import { openEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startNodeApp } from '../harness/apps.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
}, 30_000)
afterAll(async () => {
  await redis?.stop()
})

describe("the Node app's generations on Redis, at a deploy", () => {
  it('SIGTERM ends the generations the instance runs as failed, and a reader on another instance gets that end event', async () => {
    const [leaving, staying] = await Promise.all([
      startNodeApp(redis.url, { DRAIN_WINDOW_MS: '200' }),
      startNodeApp(redis.url),
    ])
    try {
      // 20 s of answer: far longer than the test waits for its end.
      const started = await fetch(`${leaving.url}/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chunks: 200, intervalMs: 100 }),
      })
      expect(started.status).toBe(201)
      const { id } = (await started.json()) as { id: string }
      // Each read may wait 5 s: less than the 10 s lease whose end would say something else.
      const reader = await openEventStream(`${staying.url}/generations/${id}`, { timeoutMs: 5000 })
      await reader.waitForEvents(3)
      leaving.signal('SIGTERM')
      await reader.readToEnd()
      await leaving.exited
      const end = reader.events.at(-1)
      expect(end?.event).toBe('end')
      expect(JSON.parse(end?.data ?? '')).toEqual({
        state: 'failed',
        error: 'The server shut down',
      })
      const record = await fetch(`${staying.url}/generations/${id}`, {
        headers: { 'last-event-id': end?.id ?? '' },
      })
      expect(record.status).toBe(204)
    } finally {
      await Promise.all([leaving.stop(), staying.stop()])
    }
  }, 60_000)
})
