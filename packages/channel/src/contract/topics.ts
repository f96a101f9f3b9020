import { expect, it } from 'vitest'
import type { ContractContext } from './context.ts'

/** Events go to the followers of their topic only, live and in replays. */
export function topicCases(t: ContractContext): void {
  it('delivers an event only to the followers of its topic', async () => {
    const channel = await t.channel()
    const a = await t.subscribe(channel, { options: { topics: 'a' } })
    const both = await t.subscribe(channel, { options: { topics: ['a', 'b'] } })
    const plain = await t.subscribe(channel)
    await channel.publish({ data: 'to a' }, { topic: 'a' })
    await channel.publish({ data: 'to b' }, { topic: 'b' })
    await channel.publish({ data: 'to everyone' })
    await channel.publish({ data: 'to a again' }, { topic: 'a' })
    expect(await a.dataCount(2)).toEqual(['to a', 'to a again'])
    expect(await both.dataCount(3)).toEqual(['to a', 'to b', 'to a again'])
    expect(await plain.dataCount(1)).toEqual(['to everyone'])
  })

  it('replays only the topics followed, in publish order across them', async () => {
    const channel = await t.channel()
    const a1 = await channel.publish({ data: 'a1' }, { topic: 'a' })
    await channel.publish({ data: 'b1' }, { topic: 'b' })
    await channel.publish({ data: 'c1' }, { topic: 'c' })
    await channel.publish({ data: 'a2' }, { topic: 'a' })
    await channel.publish({ data: 'b2' }, { topic: 'b' })
    const both = await t.subscribe(channel, { lastEventId: a1, options: { topics: ['b', 'a'] } })
    const onlyA = await t.subscribe(channel, { lastEventId: a1, options: { topics: 'a' } })
    expect(await both.dataCount(3)).toEqual(['b1', 'a2', 'b2'])
    expect(await onlyA.dataCount(1)).toEqual(['a2'])
  })

  it('takes any string as a topic', async () => {
    const channel = await t.channel()
    const topic = 'räume/42 ✓ 🚀:*'
    const client = await t.subscribe(channel, { options: { topics: topic } })
    await channel.publish({ data: 'x' }, { topic })
    expect(await client.dataCount(1)).toEqual(['x'])
  })
}
