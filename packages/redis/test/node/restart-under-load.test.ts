import { GAP_EVENT } from '@ssekit/channel'
import { compareTimeOrderedIds } from '@ssekit/channel/backend'
import type { RunningServer } from '@ssekit/testkit'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { type EventStreamClient, openEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chatsFrom, postChat, startBunApp, startNodeApp } from '../harness/apps.ts'

let redis: RedisServer
let apps: RunningServer[]
beforeAll(async () => {
  // fsync before each answer: with `everysec`, a busy disk lets Redis postpone its AOF write by
  // up to 2 s while it answers, and kill -9 then loses acknowledged events (see the README).
  redis = await startRedis(['--appendfsync', 'always'])
  apps = await Promise.all([startNodeApp(redis.url), startBunApp(redis.url)])
}, 60_000)
afterAll(async () => {
  await Promise.all(apps?.map((app) => app.stop()) ?? [])
  await redis?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until `done()` holds; fails naming `what` after 30 s. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; !done(); await sleep(10)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
  }
}

describe('kill -9 and restart of Redis under load, through the Node and Bun apps', () => {
  it('delivers every acknowledged event exactly once, in order, to 200 subscribers; failed publishes got 503', async () => {
    const from = `load-${Date.now()}`
    const subscribers: EventStreamClient[] = []
    for (let i = 0; i < 200; i++) {
      const app = apps[i % 2] as RunningServer
      subscribers.push(await openEventStream(`${app.url}/events`, { timeoutMs: 30_000 }))
    }
    expect(subscribers.map((subscriber) => subscriber.response.status)).toEqual(
      subscribers.map(() => 200),
    )
    for (const subscriber of subscribers) void subscriber.follow().catch(() => {})

    const acknowledged = new Map<string, string>()
    const failed = new Map<string, number | 'network'>()
    let counter = 0
    let publishing = true
    // Four publishers, alternating between the apps, as fast as the apps answer.
    const publishers = [0, 1, 2, 3].map(async (worker) => {
      while (publishing) {
        const text = `${++counter}`
        const outcome = await postChat(
          (apps[(worker + counter) % 2] as RunningServer).url,
          from,
          text,
        )
        if ('id' in outcome) acknowledged.set(outcome.id, text)
        else {
          failed.set(text, outcome.status)
          await sleep(5)
        }
      }
    })
    // Load first, however long a busy machine takes to get there; then the outage.
    await until(() => acknowledged.size > 20, '20 events acknowledged before the kill')
    const beforeKill = acknowledged.size
    await redis.kill()
    await sleep(700)
    await redis.restart()
    const atRestart = acknowledged.size
    await until(
      () => acknowledged.size > atRestart + 20,
      '20 events acknowledged after the restart',
    )
    publishing = false
    await Promise.all(publishers)
    const afterRestart = acknowledged.size - beforeKill

    // Everything published is in; one last event marks the end of every stream's share.
    let sentinel: string | undefined
    while (sentinel === undefined) {
      const outcome = await postChat((apps[0] as RunningServer).url, from, 'sentinel')
      if ('id' in outcome) sentinel = outcome.id
      else await sleep(50)
    }
    // Bounded, so a subscriber that lost events fails the assertions below, not the timeout.
    const arrived = subscribers.map((subscriber) =>
      subscriber.waitUntil(() => subscriber.events.at(-1)?.id === sentinel, 'the sentinel'),
    )
    await Promise.race([Promise.allSettled(arrived), sleep(15_000)])

    // The outage really hit publishes, and publishing went on after it.
    expect(beforeKill).toBeGreaterThan(10)
    expect(failed.size).toBeGreaterThan(0)
    expect([...new Set(failed.values())]).toEqual([503])
    expect(afterRestart).toBeGreaterThan(10)
    const expected = [...acknowledged.keys()].sort(compareTimeOrderedIds)
    for (const subscriber of subscribers) {
      expect(subscriber.done).toBe(false)
      expect(subscriber.events.some((event) => event.event === GAP_EVENT)).toBe(false)
      expect(subscriber.events.at(-1)?.id).toBe(sentinel)
      const chats = chatsFrom(subscriber.events, from).filter((chat) => chat.id !== sentinel)
      const ids = chats.map((chat) => chat.id as string)
      // In stream order, nothing twice.
      expect(ids).toEqual([...new Set(ids)].sort(compareTimeOrderedIds))
      // Every acknowledged event; anything else is a publish that failed in flight (its outcome
      // unknown to the publisher, so it may have been stored).
      expect(ids.filter((id) => acknowledged.has(id))).toEqual(expected)
      for (const chat of chats) {
        if (!acknowledged.has(chat.id as string)) expect(failed.has(chat.text)).toBe(true)
      }
    }
    await Promise.all(subscribers.map((subscriber) => subscriber.close()))
  })
})
