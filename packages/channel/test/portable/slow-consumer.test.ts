import type { CloseReason } from '@ssekit/core'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { describe, expect, it } from 'vitest'
import { createChannel } from '../../src/index.ts'
import { eventsRequest, following } from './requests.ts'

const LIMIT = 8 * 1024
const padded = (n: number) => `${n} ${'x'.repeat(100)}`

describe("slow consumers under 'disconnect'", () => {
  it('closes a stalled subscriber while the others receive everything, within the byte limit', async () => {
    const channel = createChannel({ heartbeat: false, maxBuffered: LIMIT })
    const reasons: CloseReason[] = []
    const stalled = await channel.subscribe(eventsRequest(), {
      onClose: (reason) => reasons.push(reason),
    })
    const readers = [following(await channel.subscribe(eventsRequest()))]
    readers.push(following(await channel.subscribe(eventsRequest())))
    let peak = 0
    for (let n = 1; n <= 500; n++) {
      await channel.publish({ data: padded(n) })
      peak = Math.max(peak, channel.buffered)
      if (n % 20 === 0) await Promise.all(readers.map((reader) => reader.waitForEvents(n)))
    }
    expect(reasons).toEqual(['server'])
    expect(channel.stats.slowDisconnects).toBe(1)
    expect(channel.size).toBe(2)
    expect(peak).toBeLessThanOrEqual(3 * LIMIT)
    // The stalled stream ended cleanly, its queue dropped: it holds nothing more.
    const leftover = following(stalled)
    await leftover.follow()
    expect(leftover.events).toEqual([])
    await channel.close()
    for (const reader of readers) {
      await reader.follow()
      expect(reader.events.map((event) => Number.parseInt(event.data, 10))).toEqual(
        Array.from({ length: 500 }, (_, i) => i + 1),
      )
    }
  })

  it('lets the closed client resume from its last event and lose nothing', async () => {
    const channel = createChannel({ heartbeat: false, maxBuffered: LIMIT })
    const ids: string[] = []
    const response = await channel.subscribe(eventsRequest())
    ids.push(await channel.publish({ data: padded(1) }), await channel.publish({ data: padded(2) }))
    // Reads two events, then stops reading without leaving: a stalled client.
    const seen = await readEventStream(response).waitForEvents(2)
    for (let n = 3; n <= 300; n++) ids.push(await channel.publish({ data: padded(n) }))
    expect(channel.size).toBe(0)
    const resumed = following(await channel.subscribe(eventsRequest(seen.at(-1)?.id)))
    await resumed.waitForEvents(298)
    await channel.close()
    await resumed.follow()
    expect(resumed.events.map((event) => event.id)).toEqual(ids.slice(2))
  })

  it('closes a subscriber whose backlog passes the limit during a replay', async () => {
    const channel = createChannel({ heartbeat: false, maxBuffered: LIMIT })
    const first = await Promise.all(
      Array.from({ length: 400 }, (_, n) => channel.publish({ data: padded(n) })),
    )
    const reasons: CloseReason[] = []
    await channel.subscribe(eventsRequest(first[0]), { onClose: (reason) => reasons.push(reason) })
    for (let n = 400; n < 600 && reasons.length === 0; n++) {
      await channel.publish({ data: padded(n) })
      expect(channel.buffered).toBeLessThanOrEqual(LIMIT)
    }
    expect(reasons).toEqual(['server'])
    expect(channel.size).toBe(0)
  })
})

describe("slow consumers under 'drop-oldest'", () => {
  it('keeps a stalled subscriber, holds at most the limit, and delivers the newest events', async () => {
    const channel = createChannel({
      heartbeat: false,
      maxBuffered: LIMIT,
      slowConsumer: 'drop-oldest',
    })
    const stalled = await channel.subscribe(eventsRequest())
    const ids: string[] = []
    for (let n = 1; n <= 500; n++) {
      ids.push(await channel.publish({ data: padded(n) }))
      expect(channel.buffered).toBeLessThanOrEqual(LIMIT)
    }
    expect(channel.size).toBe(1)
    expect(channel.stats.dropped).toBeGreaterThan(0)
    const client = following(stalled)
    const held = 500 - channel.stats.dropped
    await client.waitForEvents(held)
    const live = await channel.publish({ data: 'live' })
    await client.waitForEvents(held + 1)
    await channel.close()
    await client.follow()
    // A contiguous run of the newest events, then the live one.
    expect(client.events.map((event) => event.id)).toEqual([...ids.slice(500 - held), live])
    expect(held).toBeGreaterThan(0)
    expect(held * (padded(500).length + 30)).toBeLessThanOrEqual(LIMIT + 1024)
  })

  it('sheds the live backlog of a stalled replay but keeps the replay whole', async () => {
    const channel = createChannel({
      heartbeat: false,
      maxBuffered: LIMIT,
      slowConsumer: 'drop-oldest',
    })
    // 90 events to replay, ~12 KB: more than the 4 KiB pace, so the replay waits for the client.
    const stored = await Promise.all(
      Array.from({ length: 100 }, (_, n) => channel.publish({ data: padded(n) })),
    )
    const response = await channel.subscribe(eventsRequest(stored[9]))
    const live: string[] = []
    for (let n = 100; n < 400; n++) {
      live.push(await channel.publish({ data: padded(n) }))
      expect(channel.buffered).toBeLessThanOrEqual(LIMIT)
    }
    const client = following(response)
    const expectedCount = 90 + 300 - channel.stats.dropped
    await client.waitForEvents(expectedCount)
    await channel.close()
    await client.follow()
    const ids = client.events.map((event) => event.id)
    expect(ids.slice(0, 90)).toEqual(stored.slice(10))
    expect(ids.slice(90)).toEqual(live.slice(live.length - (ids.length - 90)))
    expect(ids.length).toBeGreaterThan(90)
    expect(channel.stats.dropped).toBeGreaterThan(0)
  })
})
