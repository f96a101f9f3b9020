import { env } from 'cloudflare:workers'
import { type CloseReason, EXPIRED_EVENT } from '@ssekit/core'
import { describe, expect, it } from 'vitest'
import { eventsRequest, freshChannel, objectOf, open, publishAll } from './helpers.ts'

describe('a Durable Object channel with credentials that expire', () => {
  it('ends the stream at `expiresAt` with the expired event, and closes its WebSocket to the object', async () => {
    const channel = freshChannel()
    const stub = objectOf(channel, env.CHANNELS)
    const closes: CloseReason[] = []
    const stream = await open(
      channel.subscribe(eventsRequest(), {
        expiresAt: Date.now() + 300,
        onClose: (reason) => closes.push(reason),
      }),
    )
    const [id] = await publishAll(channel, ['before'])
    await stream.readToEnd()
    expect(stream.events.map((e) => [e.event, e.id, e.data])).toEqual([
      [undefined, id, 'before'],
      [EXPIRED_EVENT, undefined, '{"reason":"expiresAt"}'],
    ])
    expect(stream.retries.at(-1)).toBe(0)
    expect(closes).toEqual(['expired'])
    await expect.poll(() => stub.connections()).toBe(0)
  })
})
