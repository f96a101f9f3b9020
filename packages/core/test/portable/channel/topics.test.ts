import { describe, expect, it } from 'vitest'
import { createChannel } from '../../../src/index.ts'
import { eventsRequest, following } from './requests.ts'

describe('Channel topics', () => {
  it('delivers each event once to the followers of its topic only', async () => {
    const channel = createChannel({ heartbeat: false })
    const both = following(channel.subscribe(eventsRequest(), { topics: ['a', 'b'] }))
    const onlyA = following(channel.subscribe(eventsRequest(), { topics: 'a' }))
    const plain = following(channel.subscribe(eventsRequest()))
    expect(channel.size).toBe(3)
    channel.publish({ data: 'to a' }, { topic: 'a' })
    channel.publish({ data: 'to b' }, { topic: 'b' })
    channel.publish({ data: 'to c' }, { topic: 'c' })
    channel.publish({ data: 'to default' })
    channel.close()
    await Promise.all([both.follow(), onlyA.follow(), plain.follow()])
    expect(both.events.map((event) => event.data)).toEqual(['to a', 'to b'])
    expect(onlyA.events.map((event) => event.data)).toEqual(['to a'])
    expect(plain.events.map((event) => event.data)).toEqual(['to default'])
  })

  it('replays only the followed topics, resuming from a channel-wide ID', async () => {
    const channel = createChannel({ heartbeat: false })
    const first = channel.publish({ data: 'a0' }, { topic: 'a' })
    channel.publish({ data: 'b1' }, { topic: 'b' })
    channel.publish({ data: 'a2' }, { topic: 'a' })
    channel.publish({ data: 'c3' }, { topic: 'c' })
    channel.publish({ data: 'b4' }, { topic: 'b' })
    const client = following(channel.subscribe(eventsRequest(first), { topics: ['a', 'b'] }))
    channel.publish({ data: 'a5' }, { topic: 'a' })
    await client.waitForEvents(4)
    channel.close()
    await client.follow()
    expect(client.events.map((event) => event.data)).toEqual(['b1', 'a2', 'b4', 'a5'])
  })

  it('rejects empty topic lists and bad slow-consumer options', () => {
    const channel = createChannel()
    expect(() => channel.subscribe(eventsRequest(), { topics: [] })).toThrow(RangeError)
    expect(() => channel.subscribe(eventsRequest(), { maxBuffered: 0 })).toThrow(RangeError)
    expect(() =>
      channel.subscribe(eventsRequest(), { slowConsumer: 'pause' as unknown as 'disconnect' }),
    ).toThrow(TypeError)
    expect(() => channel.subscribe(eventsRequest(), { topics: 5 as unknown as string })).toThrow(
      new TypeError('Cannot subscribe: option `topics` must be a string or strings'),
    )
    expect(channel.size).toBe(0)
  })

  it('refuses bad subscriber defaults when the channel is made, not at each subscribe', () => {
    expect(() => createChannel({ retry: -1 })).toThrow(
      new RangeError(
        'Cannot create the channel: option `retry` must be a non-negative safe integer, got -1',
      ),
    )
    expect(() => createChannel({ heartbeat: 0 })).toThrow(
      /^Cannot create the channel: option `heartbeat`/,
    )
    expect(() => createChannel({ maxBuffered: 0 })).toThrow(
      /^Cannot create the channel: option `maxBuffered`/,
    )
    expect(() => createChannel({ slowConsumer: 'pause' as unknown as 'disconnect' })).toThrow(
      TypeError,
    )
  })
})
