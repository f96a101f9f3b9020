import { GAP_EVENT } from '@ssekit/channel'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { type EventStreamReader, readEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventsRequest, openChannel, uniqueName } from '../harness/channels.ts'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})

const follow = (response: Response): EventStreamReader => {
  const stream = readEventStream(response, { timeoutMs: 10_000 })
  void stream.follow().catch(() => {})
  return stream
}
const msOf = (id: string | undefined) => (id as string).split('-')[0] as string
const ids = (stream: EventStreamReader) => stream.events.map((event) => event.id)
const texts = (stream: EventStreamReader) => stream.events.map((event) => event.data)

describe('RedisChannel across two instances (two adapters, so two readers)', () => {
  it('delivers what either publishes to subscribers of both, with the ID publish() resolved', async () => {
    const name = uniqueName()
    const a = openChannel(redis, { name })
    const b = openChannel(redis, { name })
    const onA = follow(await a.subscribe(eventsRequest()))
    // subscribe() resolves once the subscriber is live: both see every event published now.
    const onB = follow(await b.subscribe(eventsRequest()))
    const published: string[] = []
    for (let i = 0; i < 10; i++) published.push(await (i % 2 ? a : b).publish({ data: `e${i}` }))
    await onA.waitForEvents(10)
    await onB.waitForEvents(10)
    for (const stream of [onA, onB]) {
      expect(ids(stream)).toEqual(published)
      expect(texts(stream)).toEqual(published.map((_, i) => `e${i}`))
    }
    expect(published.every((id) => /^\d+-\d+$/.test(id))).toBe(true)
    await Promise.all([a.close(), b.close()])
  })

  it('resumes on one instance from an ID the other issued: exactly what followed, then live', async () => {
    const name = uniqueName()
    const a = openChannel(redis, { name })
    const b = openChannel(redis, { name })
    const published: string[] = []
    for (let i = 0; i < 20; i++) published.push(await a.publish({ data: `e${i}` }))
    const resumed = follow(await b.subscribe(eventsRequest(published[9])))
    await resumed.waitForEvents(10)
    published.push(await a.publish({ data: 'e20' }))
    await resumed.waitForEvents(11)
    expect(ids(resumed)).toEqual(published.slice(10))
    expect(resumed.events.some((event) => event.event === GAP_EVENT)).toBe(false)
    await Promise.all([a.close(), b.close()])
  })
})

describe('RedisChannel anchors a fresh subscriber', () => {
  it("at the stream's newest entry even before this process delivered any event", async () => {
    const name = uniqueName()
    const a = openChannel(redis, { name })
    const published = [await a.publish({ data: 'e0' }), await a.publish({ data: 'e1' })]
    // A fresh instance: its reader starts at the stream's end when a first subscriber arrives.
    const b = openChannel(redis, { name })
    const first = follow(await b.subscribe(eventsRequest()))
    // A client dropped before its first event resumes from the anchor and misses nothing.
    const fresh = readEventStream(await b.subscribe(eventsRequest()), { timeoutMs: 10_000 })
    const text = () => fresh.chunks.map((chunk) => new TextDecoder().decode(chunk)).join('')
    await fresh.waitUntil(() => text().includes('id: '), 'the anchor')
    expect(text()).toBe(`:\n\nid: ${published[1]}\n\n`)
    await fresh.cancel()
    const missed = await a.publish({ data: 'e2' })
    const resumed = follow(await b.subscribe(eventsRequest(published[1])))
    await resumed.waitForEvents(1)
    expect(ids(resumed)).toEqual([missed])
    await first.cancel()
    await Promise.all([a.close(), b.close()])
  })
})

describe('RedisChannel replay gap detection', () => {
  const gapCases: [string, (published: string[]) => string][] = [
    ['a malformed ID', () => 'not-an-id'],
    [
      'an ID above the last one issued (Redis lost it)',
      (p) => `${BigInt((p.at(-1) as string).split('-')[0] as string) + 1000n}-0`,
    ],
    [
      'an ID from before the channel existed',
      (p) => `${BigInt((p[0] as string).split('-')[0] as string) - 1n}-0`,
    ],
    // Within the history by its order, but no Redis stream ID: a sequence part of 2^64 or more.
    ['an ID in the history with a sequence of 2^64', (p) => `${msOf(p[2])}-18446744073709551616`],
    ['an ID in the history with a 40-digit sequence', (p) => `${msOf(p[2])}-${'9'.repeat(40)}`],
    // A stream ID, but the last there can be: Redis refuses to read after it.
    ['the largest stream ID', () => '18446744073709551615-18446744073709551615'],
  ]
  it.each(gapCases)('sends the gap event, then everything stored, for %s', async (_, pick) => {
    const channel = openChannel(redis)
    const published: string[] = []
    for (let i = 0; i < 5; i++) published.push(await channel.publish({ data: `e${i}` }))
    const lastEventId = pick(published)
    const stream = follow(await channel.subscribe(eventsRequest(lastEventId)))
    await stream.waitForEvents(6)
    expect(stream.events[0]?.event).toBe(GAP_EVENT)
    expect(JSON.parse(stream.events[0]?.data ?? '')).toEqual({ lastEventId })
    expect(ids(stream).slice(1)).toEqual(published)
    await channel.close()
  })

  it('sends the gap event for an ID that was trimmed away, and none for one still stored', async () => {
    const name = uniqueName()
    const channel = openChannel(redis, { name, maxLen: 10 })
    const published: string[] = []
    for (let i = 0; i < 300; i++) published.push(await channel.publish({ data: `e${i}` }))
    // Trimmed in batches of a tenth: 10 to 11 kept.
    const kept = Number(await redis.command('XLEN', `ssekit:${name}:default`))
    expect(kept).toBeGreaterThanOrEqual(10)
    expect(kept).toBeLessThanOrEqual(11)
    // The newest trimmed event: everything after it is still stored, so no gap.
    const boundary = published.length - kept - 1
    for (const [resumeAt, gap] of [
      [0, true],
      [boundary - 1, true],
      [boundary, false],
    ] as const) {
      const stream = follow(await channel.subscribe(eventsRequest(published[resumeAt])))
      await stream.waitForEvents(gap ? kept + 1 : kept)
      expect(stream.events[0]?.event === GAP_EVENT).toBe(gap)
      expect(ids(stream).slice(gap ? 1 : 0)).toEqual(published.slice(-kept))
    }
    await channel.close()
  })
})
