import { GAP_EVENT } from '@ssekit/channel'
import { compareTimeOrderedIds } from '@ssekit/channel/backend'
import type { RunningServer } from '@ssekit/testkit'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { type EventSourceMessage, openEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chatsFrom, postChat, startBunApp, startDenoApp, startNodeApp } from '../harness/apps.ts'

let redis: RedisServer
let nodeApp: RunningServer
let bunApp: RunningServer
let denoApp: RunningServer
beforeAll(async () => {
  redis = await startRedis()
  ;[nodeApp, bunApp, denoApp] = await Promise.all([
    startNodeApp(redis.url),
    startBunApp(redis.url),
    startDenoApp(redis.url),
  ])
}, 60_000)
afterAll(async () => {
  redis?.thaw()
  await Promise.all([nodeApp?.stop(), bunApp?.stop(), denoApp?.stop()])
  await redis?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The feed's events on a stream, without the drop token each stream opens with. */
const feedEvents = (stream: { events: EventSourceMessage[] }) =>
  stream.events.filter((event) => event.event !== 'drop-token')

describe('the Node, Bun and Deno apps sharing one feed through Redis', () => {
  it('delivers 100 events posted on Node to subscribers on Bun and Deno, in order, with the POSTs’ IDs', async () => {
    const from = `node-to-bun-${Date.now()}`
    const onBun = await openEventStream(`${bunApp.url}/events`)
    const onDeno = await openEventStream(`${denoApp.url}/events`)
    const ids: string[] = []
    for (let i = 1; i <= 100; i++) {
      const outcome = await postChat(nodeApp.url, from, `${i}`)
      if (!('id' in outcome)) throw new Error(`POST ${i} failed: ${outcome.status}`)
      ids.push(outcome.id)
    }
    for (const stream of [onBun, onDeno]) {
      await stream.waitUntil(() => chatsFrom(stream.events, from).length >= 100, '100 chats')
      const chats = chatsFrom(stream.events, from)
      expect(chats.map((chat) => chat.id)).toEqual(ids)
      expect(chats.map((chat) => chat.text)).toEqual(ids.map((_, i) => `${i + 1}`))
      await stream.close()
    }

    // A client that saw event 50 on Bun reconnects to Node: exactly 51 to 100, then live.
    const resumed = await openEventStream(`${nodeApp.url}/events`, {
      headers: { 'last-event-id': ids[49] as string },
    })
    await resumed.waitUntil(() => chatsFrom(resumed.events, from).length >= 50, '50 chats')
    const live = await postChat(bunApp.url, from, 'live')
    if (!('id' in live)) throw new Error(`POST live failed: ${live.status}`)
    await resumed.waitUntil(() => chatsFrom(resumed.events, from).length >= 51, 'the live chat')
    expect(feedEvents(resumed).map((event) => event.id)).toEqual([...ids.slice(50), live.id])
    expect(resumed.events.some((event) => event.event === GAP_EVENT)).toBe(false)
    await resumed.close()
  })

  it('answers a resume from an ID trimmed away (past the 1 000 kept) with the gap event', async () => {
    const from = `trim-${Date.now()}`
    const first = await postChat(nodeApp.url, from, 'first')
    if (!('id' in first)) throw new Error(`POST failed: ${first.status}`)
    // 1 200 more, 20 at a time: the first is trimmed (1 000 kept, in batches of 100).
    for (let batch = 0; batch < 60; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => postChat(nodeApp.url, from, `${batch}-${i}`)),
      )
    }
    const resumed = await openEventStream(`${bunApp.url}/events`, {
      headers: { 'last-event-id': first.id },
    })
    await resumed.waitForEvents(2)
    const [gap] = feedEvents(resumed)
    expect(gap?.event).toBe(GAP_EVENT)
    expect(JSON.parse(gap?.data ?? '')).toEqual({ lastEventId: first.id })
    await resumed.close()
  })

  it('answers a resume from an unknown ID with the gap event, then what is stored', async () => {
    const stream = await openEventStream(`${nodeApp.url}/events`, {
      headers: { 'last-event-id': '1-0' },
    })
    await stream.waitForEvents(2)
    expect(feedEvents(stream)[0]?.event).toBe(GAP_EVENT)
    await stream.close()
  })

  it('answers a POST 503 with Retry-After while Redis is frozen (SIGSTOP), and after SIGCONT every acknowledged event reaches the other apps’ subscribers once, in order', async () => {
    const from = `frozen-${Date.now()}`
    const streams = [
      await openEventStream(`${bunApp.url}/events`, { timeoutMs: 20_000 }),
      await openEventStream(`${denoApp.url}/events`, { timeoutMs: 20_000 }),
    ]
    for (const stream of streams) void stream.follow().catch(() => {})
    const acknowledged: string[] = []
    const first = await postChat(nodeApp.url, from, 'before')
    if (!('id' in first)) throw new Error(`POST failed: ${first.status}`)
    acknowledged.push(first.id)
    redis.freeze()
    let frozen: Response | 'still waiting'
    try {
      const posting = fetch(`${nodeApp.url}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from, text: 'while frozen' }),
      })
      // The default command timeout answers it in about 2 s; 10 s means it hung.
      frozen = await Promise.race([posting, sleep(10_000).then(() => 'still waiting' as const)])
    } finally {
      redis.thaw()
    }
    if (frozen === 'still waiting') throw new Error('POST /events hung while Redis was frozen')
    expect(frozen.status).toBe(503)
    expect(frozen.headers.get('retry-after')).toBe('1')
    await frozen.body?.cancel()
    for (let i = 0; acknowledged.length < 6; i++) {
      const outcome = await postChat(nodeApp.url, from, `after ${i}`)
      if ('id' in outcome) acknowledged.push(outcome.id)
      else if (outcome.status === 503 && i < 200) await sleep(50)
      else throw new Error(`POST after SIGCONT failed: ${outcome.status}`)
    }
    for (const stream of streams) {
      const chats = () => chatsFrom(stream.events, from)
      await stream.waitUntil(() => chats().at(-1)?.id === acknowledged.at(-1), 'the last chat')
      const ids = chats().map((chat) => chat.id as string)
      expect(ids).toEqual([...new Set(ids)].sort(compareTimeOrderedIds))
      // Every acknowledged chat; besides, at most the one whose POST got 503 (Redis may run it late).
      expect(ids.filter((id) => acknowledged.includes(id))).toEqual(acknowledged)
      expect(chats().filter((chat) => !acknowledged.includes(chat.id as string))).toEqual(
        ids.length > acknowledged.length ? [{ id: expect.any(String), text: 'while frozen' }] : [],
      )
      await stream.close()
    }
  })
})
