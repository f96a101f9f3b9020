import { settleTurns } from '@ssekit/testkit/event-stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createChannel, GAP_EVENT } from '../../src/index.ts'
import { eventsRequest, following } from './requests.ts'
import { ScheduledStore } from './scheduled-store.ts'

describe('Channel.subscribe() replay/live boundary', () => {
  it('sends no repeat and no gap when events are published while a long replay is paced', async () => {
    const channel = createChannel({ heartbeat: false })
    const padding = 'x'.repeat(200)
    const ids: string[] = []
    const publish = async () => {
      ids.push(await channel.publish({ data: `${ids.length} ${padding}` }))
    }
    for (let i = 0; i < 1000; i++) await publish()
    const resumeAt = 99
    // 1 MiB of room: the ~220 KB replay is paced on the 64 KiB buffer, never disconnected.
    const response = await channel.subscribe(eventsRequest(ids[resumeAt]), { maxBuffered: 1 << 20 })
    const client = following(response)
    const replayLength = ids.length - resumeAt - 1
    const publishedMidReplay: number[] = []
    // Publish twice per event the client receives, until 200 live events are out.
    let seen = 0
    while (ids.length < 1200) {
      await client.waitForEvents(seen + 1)
      seen = client.events.length
      if (seen < replayLength) publishedMidReplay.push(seen)
      await publish()
      await publish()
    }
    await client.waitForEvents(ids.length - resumeAt - 1)
    await channel.close()
    await client.follow()

    // The interleaving really happened: live events were published before the replay was through.
    expect(publishedMidReplay.length).toBeGreaterThan(0)
    expect(client.events.map((event) => event.id)).toEqual(ids.slice(resumeAt + 1))
    expect(client.events.map((event) => Number.parseInt(event.data, 10))).toEqual(
      Array.from({ length: ids.length - resumeAt - 1 }, (_, i) => resumeAt + 1 + i),
    )
  })

  it('sends no repeat and no gap with an async store, in every interleaving (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.nat(),
        async (scheduler, before, during, pick) => {
          const channel = createChannel({ store: new ScheduledStore(scheduler), heartbeat: false })
          const ids: string[] = []
          const publish = async () => {
            ids.push(await channel.publish({ data: String(ids.length) }))
          }
          for (let i = 0; i < before; i++) await publish()
          // Some stored ID, or one the store never saw.
          const resumeAt = before === 0 ? -1 : (pick % (before + 1)) - 1
          const lastId = resumeAt < 0 ? 'never-published' : (ids[resumeAt] as string)
          const client = following(await channel.subscribe(eventsRequest(lastId)))
          for (let i = 0; i < during; i++)
            scheduler.schedule(Promise.resolve(), 'publish').then(publish)
          await scheduler.waitAll()
          await publish()
          await settleTurns()
          await channel.close()
          await client.follow()

          const gap = client.events.filter((event) => event.event === GAP_EVENT)
          const events = client.events.filter((event) => event.event !== GAP_EVENT)
          expect(events.map((event) => event.id)).toEqual(ids.slice(resumeAt + 1))
          expect(events.map((event) => event.data)).toEqual(
            ids.slice(resumeAt + 1).map((_, i) => String(resumeAt + 1 + i)),
          )
          expect(gap.map((event) => JSON.parse(event.data))).toEqual(
            resumeAt < 0 ? [{ lastEventId: lastId }] : [],
          )
          expect(client.events[0]?.event === GAP_EVENT).toBe(resumeAt < 0)
        },
      ),
      { numRuns: 300 },
    )
  })
})
