import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ioredisAdapter, type RedisAdapter, type RedisReply } from '../../src/index.ts'
import { eventsRequest, openChannel, templateClient, uniqueName } from '../harness/channels.ts'
import { type RedisServer, startRedis } from '../harness/redis-server.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})

/**
 * An adapter whose replies to the start-of-stream read (`XREVRANGE`) can be held back, as a busy
 * process sees them late: Redis has answered, the reader has not heard yet.
 */
function holdingStartAdapter(inner: RedisAdapter) {
  let gate: Promise<void> | undefined
  let open = () => {}
  let asked = () => {}
  const startAsked = new Promise<void>((resolve) => {
    asked = resolve
  })
  const hold = (connection: ReturnType<RedisAdapter['connect']>) => ({
    get ready() {
      return connection.ready
    },
    send: async (command: string, args: readonly string[]): Promise<RedisReply> => {
      const reply = await connection.send(command, args)
      if (command === 'XREVRANGE' && gate !== undefined) {
        asked()
        await gate
      }
      return reply
    },
    onStateChange: (listener: (ready: boolean) => void) => connection.onStateChange(listener),
    reconnect: () => connection.reconnect(),
    close: () => connection.close(),
  })
  const adapter: RedisAdapter = { connect: (purpose) => hold(inner.connect(purpose)) }
  return {
    adapter,
    hold: () => {
      gate = new Promise((resolve) => {
        open = resolve
      })
      return startAsked
    },
    release: () => {
      gate = undefined
      open()
    },
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a subscriber that adds a topic this process is not reading yet', () => {
  it('gets the new topic’s events and the followed topic’s in publish order, none dropped', async () => {
    const name = uniqueName()
    const publisher = openChannel(redis, { name })
    const slow = holdingStartAdapter(ioredisAdapter(templateClient(redis)))
    const channel = openChannel(redis, { name, redis: slow.adapter })
    // `red` is read live here already.
    const redOnly = readEventStream(channel.subscribe(eventsRequest(), { topics: 'red' }), {
      timeoutMs: 10_000,
    })
    await sleep(200)
    await publisher.publish({ data: 'red 0' }, { topic: 'red' })
    await redOnly.waitForEvents(1)
    // A client of both arrives; where `blue` starts reaches this process late.
    const started = slow.hold()
    const both = readEventStream(channel.subscribe(eventsRequest(), { topics: ['red', 'blue'] }), {
      timeoutMs: 10_000,
    })
    await started
    const blue = await publisher.publish({ data: 'blue 1' }, { topic: 'blue' })
    const red = await publisher.publish({ data: 'red 2' }, { topic: 'red' })
    // Time for a reader that does not wait for `blue` to hand `red 2` over alone.
    await sleep(300)
    slow.release()
    await both.waitForEvents(2)
    expect(both.events.map((event) => [event.id, event.data])).toEqual([
      [blue, 'blue 1'],
      [red, 'red 2'],
    ])
    await redOnly.waitForEvents(2)
    expect(redOnly.events.map((event) => event.data)).toEqual(['red 0', 'red 2'])
    await Promise.all([redOnly.cancel(), both.cancel()])
    await Promise.all([publisher.close(), channel.close()])
  })
})
