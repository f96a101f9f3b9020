import { describe, expect, it } from 'vitest'
import { createChannel, GAP_EVENT, RingBufferStore, TtlStore } from '../../src/index.ts'
import { eventsRequest, following, summary } from './requests.ts'

describe('Channel.subscribe() with an unknown or expired Last-Event-ID', () => {
  it('sends a gap event, then what the ring buffer still holds, then live events', async () => {
    const channel = createChannel({
      store: new RingBufferStore({ capacity: 10 }),
      heartbeat: false,
    })
    const ids = await Promise.all(
      Array.from({ length: 30 }, (_, n) => channel.publish({ data: `e${n}` })),
    )
    const client = following(await channel.subscribe(eventsRequest(ids[4])))
    await client.waitForEvents(11)
    const live = await channel.publish({ data: 'live' })
    await client.waitForEvents(12)
    await channel.close()
    await client.follow()
    expect(summary(client.events)).toEqual([
      `${GAP_EVENT}#:${JSON.stringify({ lastEventId: ids[4] })}`,
      ...ids.slice(20).map((id, i) => `message#${id}:e${20 + i}`),
      `message#${live}:live`,
    ])
  })

  it('sends a gap event and everything stored for an ID it never issued', async () => {
    const channel = createChannel({ heartbeat: false })
    const ids = await Promise.all(['a', 'b'].map((data) => channel.publish({ data })))
    const client = following(await channel.subscribe(eventsRequest('from-another-server')))
    await client.waitForEvents(3)
    await channel.close()
    await client.follow()
    expect(client.events.map((event) => [event.event, event.id, event.data])).toEqual([
      [GAP_EVENT, undefined, '{"lastEventId":"from-another-server"}'],
      [undefined, ids[0], 'a'],
      [undefined, ids[1], 'b'],
    ])
  })

  it('sends a gap event for a Last-Event-ID longer than any it issues, not a silent live start', async () => {
    const channel = createChannel({ heartbeat: false })
    const stored = await channel.publish({ data: 'stored' })
    const tooLong = 'x'.repeat(5000)
    const client = following(await channel.subscribe(eventsRequest(tooLong)))
    await client.waitForEvents(2)
    await channel.close()
    await client.follow()
    expect(client.events.map((event) => [event.event, event.id, event.data])).toEqual([
      [GAP_EVENT, undefined, JSON.stringify({ lastEventId: tooLong.slice(0, 1024) })],
      [undefined, stored, 'stored'],
    ])
  })

  it('sends no gap event for the newest ID, only live events', async () => {
    const channel = createChannel({ store: new RingBufferStore({ capacity: 1 }), heartbeat: false })
    const ids = await Promise.all(['a', 'b', 'c'].map((data) => channel.publish({ data })))
    const newest = ids.at(-1)
    const client = following(await channel.subscribe(eventsRequest(newest)))
    await channel.publish({ data: 'd' })
    await client.waitForEvents(1)
    await channel.close()
    await client.follow()
    expect(client.events.map((event) => event.data)).toEqual(['d'])
  })

  it('treats an ID older than the TTL as expired and replays from the first unexpired event', async () => {
    let now = 1_000_000
    const store = new TtlStore({ ttl: 1500, now: () => now })
    const channel = createChannel({ store, heartbeat: false })
    const old = await Promise.all(['o1', 'o2', 'o3'].map((data) => channel.publish({ data })))
    now += 1000
    const recent = await Promise.all(['r1', 'r2', 'r3'].map((data) => channel.publish({ data })))
    now += 1000 // The first three are 2 s old now, past the 1.5 s TTL.

    const expired = following(await channel.subscribe(eventsRequest(old[1])))
    await expired.waitForEvents(4)
    const kept = following(await channel.subscribe(eventsRequest(recent[0])))
    await kept.waitForEvents(2)
    await channel.close()
    await Promise.all([expired.follow(), kept.follow()])
    expect(expired.events.map((event) => event.event ?? event.data)).toEqual([
      GAP_EVENT,
      'r1',
      'r2',
      'r3',
    ])
    expect(kept.events.map((event) => event.data)).toEqual(['r2', 'r3'])
    expect(store.size).toBe(3)
  })
})
