import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createChannel, encode } from '../../../src/index.ts'
import { eventsRequest, following, joined } from './requests.ts'

describe('Channel.publish()', () => {
  it('throws an invalid message to the publisher and carries on for everyone else', async () => {
    const channel = createChannel({ heartbeat: false })
    const client = following(channel.subscribe(eventsRequest()))
    const first = channel.publish({ data: 'ok' })
    expect(() => channel.publish({ event: 'bad\nevent', data: 'x' })).toThrow(SyntaxError)
    expect(() => channel.publish({ id: 'a\rb', data: 'x' })).toThrow(SyntaxError)
    expect(() => channel.publish({ retry: -1 })).toThrow(RangeError)
    expect(() => channel.publish({ id: '', data: 'x' })).toThrow(TypeError)
    expect(() => channel.publish({ data: 'x' }, { topic: 5 as unknown as string })).toThrow(
      TypeError,
    )
    const second = channel.publish({ data: 'still ok' })
    await client.waitForEvents(2)
    // Nothing invalid was stored either: a resume after the first event sees only the second.
    const resumed = following(channel.subscribe(eventsRequest(first)))
    await resumed.waitForEvents(1)
    channel.close()
    await Promise.all([client.follow(), resumed.follow()])
    expect(client.events.map((event) => event.data)).toEqual(['ok', 'still ok'])
    expect(resumed.events.map((event) => event.id)).toEqual([second])
    expect(channel.stats).toEqual({ published: 2, encodes: 2, slowDisconnects: 0, dropped: 0 })
  })

  it('returns increasing, unique IDs, and keeps the ones it is given', () => {
    const channel = createChannel()
    const ids = Array.from({ length: 5000 }, () => channel.publish({ data: 'x' }))
    expect(new Set(ids).size).toBe(ids.length)
    const key = (id: string) => id.split('-').map(Number) as [number, number]
    for (let i = 1; i < ids.length; i++) {
      const [time, sequence] = key(ids[i] as string)
      const [lastTime, lastSequence] = key(ids[i - 1] as string)
      expect(time > lastTime || (time === lastTime && sequence === lastSequence + 1)).toBe(true)
    }
    expect(channel.publish({ id: 'mine', data: 'x' })).toBe('mine')
  })

  it('sends exactly the bytes encode() makes for the message with its ID (fast-check)', async () => {
    const channel = createChannel({ heartbeat: false })
    const client = following(channel.subscribe(eventsRequest()))
    const sent: string[] = []
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.option(fc.string(), { nil: undefined }),
        (data, comment) => {
          const id = channel.publish({ data, comment })
          sent.push(encode({ data, comment, id }))
        },
      ),
      { numRuns: 200 },
    )
    channel.close()
    await client.follow()
    const received = new TextDecoder().decode(joined(client.chunks))
    expect(received).toBe(`:\n\n${sent.join('')}`)
  })
})
