import { GAP_EVENT } from '@ssekit/channel'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ioredisAdapter, type RedisAdapter, type RedisReply } from '../../src/index.ts'
import { eventsRequest, openChannel, templateClient, uniqueName } from '../harness/channels.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})

/** An adapter whose blocking reads can be held back, as a reader starved of CPU would be. */
function holdingAdapter(inner: RedisAdapter) {
  let gate: Promise<void> | undefined
  let open = () => {}
  const adapter: RedisAdapter = {
    connect(purpose) {
      const connection = inner.connect(purpose)
      if (purpose !== 'blocking') return connection
      return {
        get ready() {
          return connection.ready
        },
        send: async (command: string, args: readonly string[]): Promise<RedisReply> => {
          const reply = await connection.send(command, args)
          if (command === 'XREAD' && gate !== undefined) await gate
          return reply
        },
        onStateChange: (listener) => connection.onStateChange(listener),
        reconnect: () => connection.reconnect(),
        close: () => connection.close(),
      }
    },
  }
  return {
    adapter,
    hold: () => {
      gate = new Promise((resolve) => {
        open = resolve
      })
    },
    release: () => {
      gate = undefined
      open()
    },
  }
}

describe('a reader that falls further behind than the stream keeps', () => {
  it('sends its subscribers away to resume, and the resume gets the gap event: nothing is skipped silently', async () => {
    const name = uniqueName()
    const publisher = openChannel(redis, { name, maxLen: 10 })
    const lagging = holdingAdapter(ioredisAdapter(templateClient(redis)))
    const subscriber = openChannel(redis, {
      name,
      maxLen: 10,
      outageRetry: 1_500,
      redis: lagging.adapter,
    })
    const stream = readEventStream(await subscriber.subscribe(eventsRequest()), {
      timeoutMs: 10_000,
    })
    const ended = stream.follow()
    const first = await publisher.publish({ data: 'e0' })
    await stream.waitForEvents(1)
    lagging.hold()
    const ids = [first]
    // 100 events while its reader is held: the stream keeps about 10, the rest are trimmed.
    for (let i = 1; i <= 100; i++) ids.push(await publisher.publish({ data: `e${i}` }))
    lagging.release()
    await ended
    // It got nothing from after the hole, only the hint to come back.
    const received = stream.events.map((event) => event.id)
    expect(received.every((id) => ids.indexOf(id as string) <= 1)).toBe(true)
    expect(stream.retries).toEqual([1_500])
    const last = received.at(-1) as string
    const resumed = readEventStream(await subscriber.subscribe(eventsRequest(last)), {
      timeoutMs: 10_000,
    })
    await resumed.waitUntil(() => resumed.events.some((e) => e.id === ids.at(-1)), 'the last')
    expect(resumed.events[0]?.event).toBe(GAP_EVENT)
    // Then what is still stored, in order, up to the last one published.
    const stored = resumed.events.slice(1).map((event) => event.id)
    expect(stored).toEqual(ids.slice(ids.length - stored.length))
    expect(stored.length).toBeGreaterThanOrEqual(10)
    await resumed.cancel()
    await Promise.all([publisher.close(), subscriber.close()])
  })
})
