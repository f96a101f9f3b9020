import { encode } from '@ssekit/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createChannel } from '../../src/index.ts'
import { eventsRequest, following, joined } from './requests.ts'

describe('createChannel().publish()', () => {
  it('resolves increasing, unique time-ordered IDs', async () => {
    const channel = createChannel()
    const ids = await Promise.all(
      Array.from({ length: 5000 }, () => channel.publish({ data: 'x' })),
    )
    expect(new Set(ids).size).toBe(ids.length)
    const key = (id: string) => id.split('-').map(Number) as [number, number]
    for (let i = 1; i < ids.length; i++) {
      const [time, sequence] = key(ids[i] as string)
      const [lastTime, lastSequence] = key(ids[i - 1] as string)
      expect(time > lastTime || (time === lastTime && sequence === lastSequence + 1)).toBe(true)
    }
  })

  it('refuses an ID from generateId that no client could send back, naming the option', async () => {
    for (const bad of ['', 'a\nb', 'a\0b', 7]) {
      const channel = createChannel({ generateId: () => bad as string })
      await expect(channel.publish({ data: 'x' })).rejects.toThrow(/option `generateId`/)
    }
  })

  it('sends exactly the ID line and the bytes encode() makes for the message (fast-check)', async () => {
    const channel = createChannel({ heartbeat: false })
    const client = following(await channel.subscribe(eventsRequest()))
    const sent: string[] = []
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme' }),
        fc.option(fc.string(), { nil: undefined }),
        async (data, comment) => {
          const id = await channel.publish({ data, comment })
          sent.push(`id: ${id}\n${encode({ data, comment })}`)
        },
      ),
      { numRuns: 200 },
    )
    await channel.close()
    await client.follow()
    const received = new TextDecoder().decode(joined(client.chunks))
    expect(received).toBe(`:\n\n${sent.join('')}`)
  })
})
