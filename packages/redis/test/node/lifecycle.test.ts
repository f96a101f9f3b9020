import { type RedisServer, startRedis } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisChannel, ioredisAdapter } from '../../src/index.ts'
import { eventsRequest, templateClient, uniqueName } from '../harness/channels.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
// Node's own count of what keeps the event loop alive: timers and TCP sockets.
const resources = () => {
  const counts = { Timeout: 0, TCPSocketWrap: 0 }
  for (const type of process.getActiveResourcesInfo()) {
    if (type === 'Timeout' || type === 'TCPSocketWrap') counts[type]++
  }
  return counts
}
/** Waits up to `ms` for the timers and sockets to be back at `before` (or fewer), then says. */
async function settlesTo(before: ReturnType<typeof resources>, ms: number) {
  const deadline = Date.now() + ms
  for (;;) {
    const now = resources()
    const settled = now.Timeout <= before.Timeout && now.TCPSocketWrap <= before.TCPSocketWrap
    if (settled || Date.now() > deadline) return { now, settled }
    await sleep(50)
  }
}
const ssekitConnections = async () =>
  (await redis.clientNames()).filter((name) => name.startsWith('ssekit:')).sort()

describe('RedisChannel lifecycle', () => {
  it('shares one reader per adapter, and the last close() leaves no connection, timer or listener', async () => {
    await sleep(50)
    const before = resources()
    const template = templateClient(redis)
    const events = template.eventNames()
    const adapter = ioredisAdapter(template)
    const name = uniqueName()
    const channels = [
      createRedisChannel({ name, redis: adapter, heartbeat: 50 }),
      createRedisChannel({ name: uniqueName(), redis: adapter, heartbeat: 50 }),
    ]
    const [first, second] = channels as [(typeof channels)[0], (typeof channels)[0]]
    const client = new AbortController()
    const stream = readEventStream(await first.subscribe(eventsRequest(undefined, client.signal)))
    const other = readEventStream(await second.subscribe(eventsRequest(), { topics: ['a', 'b'] }))
    await first.publish({ data: 'one' })
    await stream.waitForEvents(1)
    // A resuming subscriber, and a replay in flight when its client leaves.
    const resumed = readEventStream(await first.subscribe(eventsRequest('1-0')))
    await resumed.cancel()
    // Two channels, three topics, four subscribers: still one commands and one reader connection.
    expect(await ssekitConnections()).toEqual(['ssekit:commands', 'ssekit:reader'])
    client.abort()
    await stream.cancel()
    await first.close()
    expect(await ssekitConnections()).toEqual(['ssekit:commands', 'ssekit:reader'])
    await second.close()
    await other.readToEnd()
    for (let i = 0; i < 20 && (await ssekitConnections()).length > 0; i++) await sleep(50)
    expect(await ssekitConnections()).toEqual([])
    expect(await settlesTo(before, 100)).toMatchObject({ settled: true })
    // The template client was never connected, and carries no listener of ours.
    expect(template.status).toBe('wait')
    expect(template.eventNames()).toEqual(events)
    expect((await first.subscribe(eventsRequest())).status).toBe(204)
  })

  it('closing a channel while Redis is down still leaves nothing behind', async () => {
    await sleep(50)
    const before = resources()
    const channel = createRedisChannel({
      name: uniqueName(),
      redis: ioredisAdapter(templateClient(redis)),
    })
    const stream = readEventStream(await channel.subscribe(eventsRequest('1-0')))
    await sleep(100)
    await redis.kill()
    await sleep(100)
    await channel.close()
    await stream.readToEnd()
    // ioredis's disconnect() of a socket that already closed arms a 2 s timer of its own, which
    // nothing clears (AbstractConnector.disconnect); it runs out, and then nothing is left.
    expect(await settlesTo(before, 3000)).toMatchObject({ settled: true })
    await redis.restart()
  })
})
