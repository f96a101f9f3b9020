import { expect, it } from 'vitest'
import type { ContractContext } from './context.ts'

const EVENT_TEXT = 'x'.repeat(500)

/** A client that stops reading costs bounded memory, and never holds the others back. */
export function slowConsumerCases(t: ContractContext): void {
  it("'disconnect' ends a client that falls maxBuffered behind; it resumes with nothing lost", async () => {
    const channel = await t.channel({ maxBuffered: 2048, slowConsumer: 'disconnect' })
    const start = await channel.publish({ data: 'start' })
    const slow = await t.subscribe(channel, { follow: false })
    // It reads its first bytes, as a real client does before it stalls: its resume point.
    await slow.until(() => slow.lastEventId === start, 'the anchor')
    const fast = await t.subscribe(channel)
    const count = 12
    const sent: string[] = []
    for (let n = 0; n < count; n++) {
      sent.push(`${n} ${EVENT_TEXT}`)
      await channel.publish({ data: sent[n] })
    }
    expect(await fast.dataCount(count)).toEqual(sent)
    await t.waitFor(() => channel.stats.slowDisconnects === 1, 'the slow client disconnected')
    await t.waitFor(() => channel.size === 1, 'only the fast client left')
    // What the slow client did receive, then its reconnect: every event, once, in order.
    await slow.end()
    const resumed = await t.subscribe(channel, { lastEventId: slow.lastEventId })
    await resumed.dataCount(count - slow.data.length)
    expect([...slow.data, ...resumed.data]).toEqual(sent)
  })

  it("'drop-oldest' keeps the client and drops its oldest waiting events", async () => {
    const channel = await t.channel({ maxBuffered: 2048, slowConsumer: 'drop-oldest' })
    const slow = await t.subscribe(channel, { follow: false })
    const count = 12
    let last = ''
    for (let n = 0; n < count; n++) last = await channel.publish({ data: `${n} ${EVENT_TEXT}` })
    await t.waitFor(() => channel.stats.dropped > 0, 'some events dropped')
    expect(channel.buffered).toBeGreaterThan(0)
    expect(channel.buffered).toBeLessThanOrEqual(2048)
    await slow.until(() => slow.lastEventId === last, 'the newest event')
    expect(slow.data.length).toBeLessThan(count)
    expect(channel.size).toBe(1)
    await channel.publish({ data: 'still live' })
    await slow.until(() => slow.data.at(-1) === 'still live', 'a live event after the drops')
  })
}
