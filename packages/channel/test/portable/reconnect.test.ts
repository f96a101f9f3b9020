import { settleTurns } from '@ssekit/testkit/event-stream'
import { describe, expect, it } from 'vitest'
import { createChannel } from '../../src/index.ts'
import { eventsRequest, following, joined } from './requests.ts'

describe('Channel.subscribe() with Last-Event-ID', () => {
  it('resumes after event k with exactly k+1..k+50, then live events', async () => {
    const channel = createChannel<{ n: number }>({ heartbeat: false })
    const publish = (n: number) => channel.publish({ event: 'n', data: n })
    const ids = new Map<number, string>()
    const first = following(await channel.subscribe(eventsRequest()))
    const k = 17
    for (let n = 1; n <= k; n++) ids.set(n, await publish(n))
    await first.waitForEvents(k)
    await first.cancel()
    expect(channel.size).toBe(0)

    for (let n = k + 1; n <= k + 50; n++) ids.set(n, await publish(n))
    const again = following(await channel.subscribe(eventsRequest(ids.get(k))))
    await again.waitForEvents(50)
    for (let n = k + 51; n <= k + 60; n++) ids.set(n, await publish(n))
    await again.waitForEvents(60)
    await channel.close()
    await again.follow()

    const expected = Array.from({ length: 60 }, (_, i) => k + 1 + i)
    expect(again.events.map((event) => Number(event.data))).toEqual(expected)
    expect(again.events.map((event) => event.id)).toEqual(expected.map((n) => ids.get(n)))
    expect(again.events.every((event) => event.event === 'n')).toBe(true)
    expect(first.events.map((event) => Number(event.data))).toEqual(
      Array.from({ length: k }, (_, i) => i + 1),
    )
  })

  it('reads the ID from ?lastEventId= when no header is sent', async () => {
    const channel = createChannel({ heartbeat: false })
    const ids = await Promise.all(['a', 'b', 'c'].map((data) => channel.publish({ data })))
    const url = `http://localhost/events?lastEventId=${encodeURIComponent(ids[0] ?? '')}`
    const client = following(await channel.subscribe(new Request(url)))
    await client.waitForEvents(2)
    await channel.close()
    await client.follow()
    expect(client.events.map((event) => event.data)).toEqual(['b', 'c'])
  })

  it('anchors a fresh subscriber at the latest ID, so a drop before its first event loses nothing', async () => {
    const channel = createChannel({ heartbeat: false })
    const before = await channel.publish({ data: 'before' })
    const fresh = following(await channel.subscribe(eventsRequest()))
    await settleTurns()
    await fresh.cancel()
    // An `id:` with no data: the browser remembers it without firing an event, and sends it back.
    expect(new TextDecoder().decode(joined(fresh.chunks))).toBe(`:\n\nid: ${before}\n\n`)
    expect(fresh.events).toEqual([])
    const anchor = before
    await channel.publish({ data: 'missed while away' })
    const back = following(await channel.subscribe(eventsRequest(anchor)))
    await back.waitForEvents(1)
    await channel.close()
    await back.follow()
    expect(back.events.map((event) => event.data)).toEqual(['missed while away'])
  })
})
