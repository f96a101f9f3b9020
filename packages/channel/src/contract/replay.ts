import { expect, it } from 'vitest'
import { GAP_EVENT } from '../gap.ts'
import type { ContractContext } from './context.ts'

/** A client that reconnects with `Last-Event-ID` gets what it missed, or is told it cannot. */
export function replayCases(t: ContractContext): void {
  it('replays what came after a Last-Event-ID, then goes live, with no gap and no repeat', async () => {
    const channel = await t.channel()
    const ids: string[] = []
    for (let n = 1; n <= 5; n++) ids.push(await channel.publish({ data: String(n) }))
    const client = await t.subscribe(channel, { lastEventId: ids[1] })
    await channel.publish({ data: '6' })
    expect(await client.dataCount(4)).toEqual(['3', '4', '5', '6'])
    expect(client.events.some((event) => event.event === GAP_EVENT)).toBe(false)
  })

  it('misses nothing and repeats nothing when it resumes while events are being published', async () => {
    const channel = await t.channel()
    const ids: string[] = []
    for (let n = 1; n <= 5; n++) ids.push(await channel.publish({ data: String(n) }))
    const publishing = (async () => {
      for (let n = 6; n <= 15; n++) await channel.publish({ data: String(n) })
    })()
    const client = await t.subscribe(channel, { lastEventId: ids[2] })
    await publishing
    const expected = Array.from({ length: 12 }, (_, i) => String(i + 4))
    expect(await client.dataCount(12)).toEqual(expected)
  })

  it('resumes at the newest event with live events only', async () => {
    const channel = await t.channel()
    const latest = await channel.publish({ data: 'seen' })
    const client = await t.subscribe(channel, { lastEventId: latest })
    await channel.publish({ data: 'new' })
    expect(await client.dataCount(1)).toEqual(['new'])
  })

  it('sends the gap event, then everything kept, for an ID it never issued', async () => {
    const channel = await t.channel()
    for (const data of ['a', 'b', 'c']) await channel.publish({ data })
    for (const unknown of ['no-such-id', 'x'.repeat(5000)]) {
      const client = await t.subscribe(channel, { lastEventId: unknown })
      await client.dataCount(3)
      expect(client.events[0]?.event).toBe(GAP_EVENT)
      const gap = JSON.parse(client.events[0]?.data ?? '') as { lastEventId: string }
      expect(unknown.startsWith(gap.lastEventId)).toBe(true)
      expect(client.data).toEqual(['a', 'b', 'c'])
    }
  })

  it('sends the gap event for an ID that has expired, then the kept events in order', async () => {
    const channel = await t.channel()
    const total = t.history * 2 + 10
    const ids: string[] = []
    for (let n = 0; n < total; n++) ids.push(await channel.publish({ data: String(n) }))
    const client = await t.subscribe(channel, { lastEventId: ids[0] })
    await client.until(() => client.lastEventId === ids.at(-1), 'the newest event')
    expect(client.events[0]?.event).toBe(GAP_EVENT)
    const replayed = client.data.map(Number)
    expect(replayed.length).toBeGreaterThanOrEqual(t.history)
    expect(replayed.length).toBeLessThan(total - 1)
    expect(replayed).toEqual(replayed.map((_, i) => (replayed[0] as number) + i))
  })
}
