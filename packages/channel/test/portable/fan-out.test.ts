import { describe, expect, it } from 'vitest'
import {
  createChannel,
  type ReplayStore,
  RingBufferStore,
  type StoredEvent,
} from '../../src/index.ts'
import { eventsRequest, following, joined, summary } from './requests.ts'

describe('createChannel() fan-out', () => {
  it('gives 1 000 subscribers byte-identical streams with one encode per publish', async () => {
    let serializations = 0
    const channel = createChannel<{ tick: { n: number; text: string } }>({
      heartbeat: false,
      serialize: (data) => {
        serializations++
        return JSON.stringify(data)
      },
    })
    const clients = await Promise.all(
      Array.from({ length: 1000 }, async () => following(await channel.subscribe(eventsRequest()))),
    )
    expect(channel.size).toBe(1000)
    const ids: string[] = []
    for (let n = 1; n <= 20; n++) {
      ids.push(await channel.publish({ event: 'tick', data: { n, text: `line one\nline ${n}` } }))
      // Half the events land while every client is waiting, half while writes pile up.
      if (n % 2 === 0) await Promise.all(clients.map((client) => client.waitForEvents(n)))
    }
    await channel.close()
    await Promise.all(clients.map((client) => client.follow()))

    expect(serializations).toBe(20)
    expect(channel.stats.published).toBe(20)
    const reference = joined(clients[0]?.chunks ?? [])
    for (const client of clients) expect(joined(client.chunks)).toEqual(reference)
    const first = clients[0]?.events ?? []
    expect(first.map((event) => event.id)).toEqual(ids)
    expect(first.map((event) => JSON.parse(event.data))).toEqual(
      Array.from({ length: 20 }, (_, i) => ({ n: i + 1, text: `line one\nline ${i + 1}` })),
    )
    expect(channel.size).toBe(0)
  })

  it('hands every waiting subscriber the very bytes it stored, not a copy', async () => {
    const stored: StoredEvent[] = []
    const ring = new RingBufferStore()
    const store: ReplayStore = {
      append: (event) => {
        stored.push(event)
        ring.append(event)
      },
      readAfter: (id) => ring.readAfter(id),
    }
    const channel = createChannel({ store, heartbeat: false })
    const clients = await Promise.all(
      Array.from({ length: 50 }, async () => following(await channel.subscribe(eventsRequest()))),
    )
    // Let every reader consume the opening and wait for more, so a lone event goes out alone.
    await new Promise((resolve) => setTimeout(resolve, 0))
    await channel.publish({ data: 'shared' })
    await Promise.all(clients.map((client) => client.waitForEvents(1)))
    const bytes = stored[0]?.bytes
    expect(bytes).toBeInstanceOf(Uint8Array)
    for (const client of clients) expect(client.chunks.at(-1)).toBe(bytes)
    expect(summary(clients[0]?.events ?? [])).toEqual([`message#${stored[0]?.id}:shared`])
    await channel.close()
  })
})
