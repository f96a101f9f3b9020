import { type RedisServer, startRedis } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisChannel, ioredisAdapter } from '../../src/index.ts'
import { eventsRequest, openChannel, uniqueName } from '../harness/channels.ts'
import { type FreezingProxy, startFreezingProxy } from '../harness/freezing-proxy.ts'

let redis: RedisServer
let proxy: FreezingProxy
beforeAll(async () => {
  redis = await startRedis()
  proxy = await startFreezingProxy(redis.port)
})
afterAll(async () => {
  await proxy?.close()
  await redis?.stop()
})

describe('the reader’s read timeout', () => {
  it('reopens a blocking read whose connection died silently, and resumes where it was', async () => {
    const name = uniqueName()
    const publisher = openChannel(redis, { name })
    // This instance reaches Redis through the proxy, with a 200 ms block: its read times out
    // after 200 + 1000 ms without a reply.
    const throughProxy = new Redis(proxy.port, '127.0.0.1', { lazyConnect: true })
    const subscriber = createRedisChannel({
      name,
      redis: ioredisAdapter(throughProxy),
      blockMs: 200,
      commandTimeout: 1000,
      heartbeat: false,
    })
    const stream = readEventStream(await subscriber.subscribe(eventsRequest()), {
      timeoutMs: 10_000,
    })
    const acknowledged = [await publisher.publish({ data: 'before' })]
    await stream.waitForEvents(1)
    // The network path dies without a FIN or RST: no error, no close, just silence.
    proxy.freeze()
    for (let i = 0; i < 5; i++) acknowledged.push(await publisher.publish({ data: `${i}` }))
    const frozeAt = Date.now()
    await stream.waitForEvents(6)
    expect(stream.events.map((event) => event.id)).toEqual(acknowledged)
    // Not by luck: nothing came until the frozen read timed out.
    expect(Date.now() - frozeAt).toBeGreaterThan(1000)
    await Promise.all([publisher.close(), subscriber.close()])
  })
})
