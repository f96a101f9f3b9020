import { type CloseReason, EXPIRED_EVENT } from '@ssekit/core'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventsRequest, openChannel } from '../harness/channels.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})

describe('RedisChannel.subscribe() with credentials that expire', () => {
  it('ends the stream at `expiresAt` with the expired event, after its events, and lets go of the subscriber', async () => {
    const channel = openChannel(redis)
    const closes: CloseReason[] = []
    try {
      const response = await channel.subscribe(eventsRequest(), {
        expiresAt: Date.now() + 500,
        onClose: (reason) => closes.push(reason),
      })
      const stream = readEventStream(response, { timeoutMs: 10_000 })
      // Subscribing starts the reader at the stream's end, asynchronously: wait for it.
      await new Promise((resolve) => setTimeout(resolve, 200))
      const id = await channel.publish({ data: 'before' })
      await stream.readToEnd()
      expect(stream.events.map((e) => [e.event, e.id, e.data])).toEqual([
        [undefined, id, 'before'],
        [EXPIRED_EVENT, undefined, '{"reason":"expiresAt"}'],
      ])
      expect(stream.retries.at(-1)).toBe(0)
      expect(closes).toEqual(['expired'])
      expect(channel.size).toBe(0)
    } finally {
      await channel.close()
    }
  })
})
