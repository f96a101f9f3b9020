import type { Channel } from '@ssekit/channel'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { type EventStreamReader, readEventStream, sleep } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventsRequest, openChannel, uniqueName } from '../harness/channels.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})

// The subscribing instance blocks for 10 s per read; every wait below gives up after 5 s, so
// nothing here can pass by waiting for a blocked read to run out.
const BLOCK_MS = 10_000
const follow = (response: Response): EventStreamReader => {
  const stream = readEventStream(response, { timeoutMs: 5000 })
  void stream.follow().catch(() => {})
  return stream
}
const ids = (stream: EventStreamReader) => stream.events.map((event) => event.id)

async function until(done: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 5000; !done(); await sleep(5)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
  }
}

/** A publishing instance and a subscribing one whose last subscriber just left. */
async function afterLastLeft(): Promise<{ publisher: Channel; instance: Channel; seen: string[] }> {
  const name = uniqueName()
  const publisher = openChannel(redis, { name })
  const instance = openChannel(redis, { name, blockMs: BLOCK_MS })
  const last = follow(await instance.subscribe(eventsRequest()))
  // Probes until one arrives: this part is not under test, so it must not depend on the fix.
  while (last.events.length === 0) {
    await publisher.publish({ data: 'probe' })
    await Promise.race([last.waitForEvents(1), sleep(100)])
  }
  const seen = [await publisher.publish({ data: 'a' }), await publisher.publish({ data: 'b' })]
  await last.waitUntil(() => last.lastEventId === seen[1], 'a and b')
  await last.cancel()
  await until(() => instance.size === 0, 'the last subscriber gone')
  return { publisher, instance, seen }
}

describe('RedisChannel, right after an instance’s last subscriber left', () => {
  it('makes a fresh subscriber live by the time subscribe() resolves: it misses no event', async () => {
    const { publisher, instance } = await afterLastLeft()
    // The instance's blocking read still names the stream when this one arrives.
    const fresh = follow(await instance.subscribe(eventsRequest()))
    const live = [await publisher.publish({ data: 'y' }), await publisher.publish({ data: 'z' })]
    await fresh.waitForEvents(2)
    expect(ids(fresh)).toEqual(live)
    expect(fresh.lastEventId).toBe(live[1])
    await Promise.all([publisher.close(), instance.close()])
  })

  it('anchors a fresh subscriber at the newest event, published while nobody here listened', async () => {
    const { publisher, instance } = await afterLastLeft()
    const newest = await publisher.publish({ data: 'while nobody listened' })
    const fresh = follow(await instance.subscribe(eventsRequest()))
    await fresh.waitUntil(() => fresh.lastEventId !== '', 'the anchor')
    expect(fresh.lastEventId).toBe(newest)
    expect(fresh.events).toEqual([])
    const next = await publisher.publish({ data: 'next' })
    await fresh.waitForEvents(1)
    expect(ids(fresh)).toEqual([next])
    await Promise.all([publisher.close(), instance.close()])
  })

  it('starts a resume at once, without waiting for the blocked read', async () => {
    const { publisher, instance, seen } = await afterLastLeft()
    // A client that saw a, not b, comes back while the instance's read still names the stream.
    const resumed = follow(await instance.subscribe(eventsRequest(seen[0])))
    await resumed.waitForEvents(1)
    const live = await publisher.publish({ data: 'live' })
    await resumed.waitForEvents(2)
    expect(ids(resumed)).toEqual([seen[1], live])
    await Promise.all([publisher.close(), instance.close()])
  })
})
