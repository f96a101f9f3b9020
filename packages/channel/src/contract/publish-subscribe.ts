import { expect, it } from 'vitest'
import type { ContractContext } from './context.ts'

/** Publishing reaches every subscriber once, in order, encoded as given. */
export function publishSubscribeCases(t: ContractContext): void {
  it('delivers each event to every subscriber once, in order, under the ID publish resolved', async () => {
    const channel = await t.channel()
    const clients = [await t.subscribe(channel), await t.subscribe(channel)]
    const ids: string[] = []
    for (let n = 0; n < 5; n++) ids.push(await channel.publish({ data: `event ${n}` }))
    expect(new Set(ids).size).toBe(5)
    for (const client of clients) {
      await client.dataCount(5)
      expect(client.data).toEqual(['event 0', 'event 1', 'event 2', 'event 3', 'event 4'])
      expect(client.events.map((event) => event.id)).toEqual(ids)
    }
    expect(channel.stats.published).toBe(5)
  })

  it('keeps event names, multi-line text and JSON data exact', async () => {
    const channel = await t.channel()
    const client = await t.subscribe(channel)
    await channel.publish({ event: 'chat', data: { from: 'ada', text: 'hi\nthere' } })
    await channel.publish({ data: 'line 1\nline 2\r\nline 3' })
    await channel.publish({ event: 'é✓', data: '' })
    await client.until(() => client.events.length >= 3, '3 events')
    expect(client.events.map(({ event, data }) => ({ event, data }))).toEqual([
      { event: 'chat', data: '{"from":"ada","text":"hi\\nthere"}' },
      { event: undefined, data: 'line 1\nline 2\nline 3' },
      { event: 'é✓', data: '' },
    ])
  })

  it('starts a fresh subscriber at the newest event, so its first reconnect misses nothing', async () => {
    const channel = await t.channel()
    const first = await channel.publish({ data: 'before' })
    const client = await t.subscribe(channel)
    await client.until(() => client.lastEventId === first, 'the anchor at the newest event')
    expect(client.events).toEqual([])
    const second = await channel.publish({ data: 'after' })
    expect(await client.dataCount(1)).toEqual(['after'])
    expect(client.lastEventId).toBe(second)
  })

  it('anchors a subscriber that arrives just after the last one left at the newest event', async () => {
    const channel = await t.channel()
    await (await t.subscribe(channel)).leave()
    // A runtime may hear that a client left only at its next write (workerd): publish one.
    await channel.publish({ data: 'wake' })
    await t.waitFor(() => channel.size === 0, 'the last subscriber gone')
    const newest = await channel.publish({ data: 'while nobody listened' })
    const next = await t.subscribe(channel)
    await next.until(() => next.lastEventId === newest, 'the anchor at the newest event')
    await channel.publish({ data: 'live' })
    expect(await next.dataCount(1)).toEqual(['live'])
  })

  it("sends a subscriber's initialEvent first, to it alone", async () => {
    const channel = await t.channel()
    await channel.publish({ data: 'old' })
    const greeted = await t.subscribe(channel, {
      options: { initialEvent: { event: 'hello', data: { token: 't-1' } } },
    })
    const plain = await t.subscribe(channel)
    await channel.publish({ data: 'live' })
    await greeted.until(() => greeted.events.length >= 2, '2 events')
    await plain.dataCount(1)
    expect(greeted.events.map((event) => event.event ?? event.data)).toEqual(['hello', 'live'])
    expect(greeted.events[0]?.data).toBe('{"token":"t-1"}')
    expect(plain.events.map((event) => event.data)).toEqual(['live'])
  })

  it('does not hold a subscriber back for another that never reads', async () => {
    const channel = await t.channel()
    await t.subscribe(channel, { follow: false })
    const reader = await t.subscribe(channel)
    for (let n = 0; n < 10; n++) await channel.publish({ data: String(n) })
    expect(await reader.dataCount(10)).toHaveLength(10)
  })
}
