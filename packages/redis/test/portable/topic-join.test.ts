import { type RedisServer, startRedis } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  ioredisAdapter,
  type RedisAdapter,
  type RedisConnection,
  type RedisReply,
  RedisUnavailableError,
} from '../../src/index.ts'
import { eventsRequest, openChannel, templateClient, uniqueName } from '../harness/channels.ts'

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

/** An adapter whose commands connection can be taken away and given back, as a network blip. */
function flakyCommandsAdapter(inner: RedisAdapter) {
  let down = false
  const listeners = new Set<(ready: boolean) => void>()
  const wrap = (connection: RedisConnection): RedisConnection => ({
    get ready() {
      return !down && connection.ready
    },
    send: (command, args) =>
      down
        ? Promise.reject(new RedisUnavailableError(`Cannot ${command}: the test took it away`))
        : connection.send(command, args),
    onStateChange: (listener) => {
      listeners.add(listener)
      const off = connection.onStateChange(listener)
      return () => {
        listeners.delete(listener)
        off()
      }
    },
    reconnect: () => connection.reconnect(),
    close: () => connection.close(),
  })
  const adapter: RedisAdapter = {
    connect: (purpose) => {
      const connection = inner.connect(purpose)
      return purpose === 'commands' ? wrap(connection) : connection
    },
  }
  const set = (ready: boolean) => {
    down = !ready
    for (const listener of [...listeners]) listener(ready)
  }
  return { adapter, takeAway: () => set(false), giveBack: () => set(true) }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a subscriber that adds a topic this process is not reading yet', () => {
  it('gets the new topic’s events and the followed topic’s in publish order, none dropped', async () => {
    const name = uniqueName()
    const publisher = openChannel(redis, { name })
    const slow = holdingStartAdapter(ioredisAdapter(templateClient(redis)))
    const channel = openChannel(redis, { name, redis: slow.adapter })
    // `red` is read live here already.
    const redOnly = readEventStream(await channel.subscribe(eventsRequest(), { topics: 'red' }), {
      timeoutMs: 10_000,
    })
    await publisher.publish({ data: 'red 0' }, { topic: 'red' })
    await redOnly.waitForEvents(1)
    // A client of both arrives; where `blue` starts reaches this process late. Its subscribe()
    // resolves once it is live, so not before then.
    const started = slow.hold()
    const subscribing = channel.subscribe(eventsRequest(), { topics: ['red', 'blue'] })
    await started
    const blue = await publisher.publish({ data: 'blue 1' }, { topic: 'blue' })
    const red = await publisher.publish({ data: 'red 2' }, { topic: 'red' })
    // Time for a reader that does not wait for `blue` to hand `red 2` over alone.
    await sleep(300)
    slow.release()
    const both = readEventStream(await subscribing, { timeoutMs: 10_000 })
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

  it('still closes when it closes while a new topic is starting', async () => {
    const slow = holdingStartAdapter(ioredisAdapter(templateClient(redis)))
    const channel = openChannel(redis, { redis: slow.adapter })
    const started = slow.hold()
    const subscribing = channel.subscribe(eventsRequest(), { topics: 'blue' })
    await started
    const closing = channel.close()
    slow.release()
    const outcome = await Promise.race([
      closing.then(() => 'closed'),
      sleep(10_000).then(() => 'still closing after 10 s'),
    ])
    expect(outcome).toBe('closed')
    // The channel closed before the subscriber was live: it gets what any subscribe after close() gets.
    expect((await subscribing).status).toBe(204)
  })

  it('keeps the other topics live when a topic’s key is not a stream, and says so once', async () => {
    const name = uniqueName()
    await redis.command('SET', `ssekit:${name}:blue`, 'not a stream')
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const publisher = openChannel(redis, { name })
    // Redis has all the time it needs: `blue` waits for its start until close(), not a deadline.
    const channel = openChannel(redis, { name, commandTimeout: 60_000 })
    const redOnly = readEventStream(await channel.subscribe(eventsRequest(), { topics: 'red' }), {
      timeoutMs: 10_000,
    })
    await publisher.publish({ data: 'red 0' }, { topic: 'red' })
    await redOnly.waitForEvents(1)
    // Its subscribe() cannot resolve live; the channel's close() ends the wait, with a 204.
    const blue = channel.subscribe(eventsRequest(), { topics: 'blue' })
    // Long enough for several attempts to start `blue`.
    await sleep(500)
    await publisher.publish({ data: 'red 1' }, { topic: 'red' })
    await redOnly.waitForEvents(2)
    expect(redOnly.events.map((event) => event.data)).toEqual(['red 0', 'red 1'])
    const said = errors.mock.calls.filter(([text]) => String(text).includes(`${name}:blue`))
    errors.mockRestore()
    expect(said).toHaveLength(1)
    await redOnly.cancel()
    await Promise.all([publisher.close(), channel.close()])
    expect((await blue).status).toBe(204)
  })

  it('starts a topic added during a commands outage as soon as the connection is back, not after the blocking read', async () => {
    const name = uniqueName()
    const publisher = openChannel(redis, { name })
    const flaky = flakyCommandsAdapter(ioredisAdapter(templateClient(redis)))
    // The longest block: a new topic left to the next read would wait up to 10 s.
    const channel = openChannel(redis, { name, redis: flaky.adapter, blockMs: 10_000 })
    const redOnly = readEventStream(await channel.subscribe(eventsRequest(), { topics: 'red' }), {
      timeoutMs: 10_000,
    })
    const red = await publisher.publish({ data: 'red 0' }, { topic: 'red' })
    await redOnly.waitForEvents(1)
    flaky.takeAway()
    const subscribing = channel.subscribe(eventsRequest(red), { topics: ['red', 'blue'] })
    // Long enough for every attempt to unblock the read to fail.
    await sleep(500)
    flaky.giveBack()
    const both = readEventStream(await subscribing, {
      timeoutMs: 4_000,
      label: 'the resume of both topics',
    })
    const blue = await publisher.publish({ data: 'blue 1' }, { topic: 'blue' })
    await both.waitForEvents(1)
    expect(both.events.map((event) => [event.id, event.data])).toEqual([[blue, 'blue 1']])
    await Promise.all([redOnly.cancel(), both.cancel()])
    await Promise.all([publisher.close(), channel.close()])
  })
})
