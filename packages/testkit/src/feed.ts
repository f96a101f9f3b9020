import assert from 'node:assert/strict'
import { openEventStream } from './event-stream-client.ts'
import {
  assertNoRepeatedIds,
  chatsFrom,
  publishChat,
  readUntilId,
  uniqueName,
} from './feed-client.ts'
import { addFeedDropTests } from './feed-drop.ts'
import { addFeedHeadTests } from './feed-head.ts'
import { addFeedValidationTests } from './feed-validation.ts'
import type { ConformanceOptions } from './suite-options.ts'

/** Options for {@link addFeedTests}: the same as the conformance suite's. */
export type FeedTestOptions = ConformanceOptions

/** How many events are published while the client is away. */
const MISSED = 50

/**
 * Adds the live feed's tests, against the app's real HTTP server: a client that reconnects with
 * `Last-Event-ID` gets exactly what it missed and then live events, an unknown ID gets the
 * `ssekit-gap` event and what is still stored, two subscribers see each other's messages under
 * the same IDs, only a stream's own drop token closes it, `HEAD /events` leaves no stream open,
 * and `POST /events` refuses bad input (naming the problem) and answers 201 to a good message.
 * Each test only counts the events it published itself; the HEAD test reads `/stats`, so give the
 * suite a server of its own.
 *
 * @param options The runner's `test` and the server's base URL.
 *
 * @example Under vitest (`bun:test` and `Deno.test` as for the conformance suite)
 * ```ts
 * import { addFeedTests, startServer, type RunningServer } from '@ssekit/testkit'
 * import { afterAll, beforeAll, test } from 'vitest'
 *
 * let server: RunningServer
 * beforeAll(async () => {
 *   server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
 * })
 * afterAll(() => server.stop())
 * addFeedTests({ test, baseUrl: () => server.url })
 * ```
 */
export function addFeedTests({ test, baseUrl }: FeedTestOptions): void {
  addFeedHeadTests({ test, baseUrl })
  test(`GET /events with Last-Event-ID replays exactly the ${MISSED} missed events, then goes live`, async () => {
    const url = baseUrl()
    const me = uniqueName('resume')
    const first = await openEventStream(`${url}/events`)
    const seen: string[] = []
    try {
      for (const text of ['k-2', 'k-1', 'k']) seen.push(await publishChat(url, me, text))
      await readUntilId(first, seen.at(-1) as string)
      assert.deepEqual(ids(chatsFrom(first.events, me)), seen)
    } finally {
      await first.close()
    }
    const missed: string[] = []
    for (let n = 1; n <= MISSED; n++) missed.push(await publishChat(url, me, `k+${n}`))
    const again = await openEventStream(`${url}/events`, {
      headers: { 'last-event-id': seen.at(-1) as string },
    })
    try {
      // Registered once the response is here: these are live events.
      const live = [await publishChat(url, me, 'live-1'), await publishChat(url, me, 'live-2')]
      await readUntilId(again, live.at(-1) as string)
      const expected = [...missed, ...live]
      const texts = [...missed.map((_, n) => `k+${n + 1}`), 'live-1', 'live-2']
      assert.deepEqual(
        chatsFrom(again.events, me),
        expected.map((id, n) => ({ id, from: me, text: texts[n] })),
      )
      assert.equal(again.events.filter((event) => event.event === 'ssekit-gap').length, 0)
      assertNoRepeatedIds(again.events)
    } finally {
      await again.close()
    }
  })

  test('GET /events with an unknown Last-Event-ID sends ssekit-gap, then what is stored', async () => {
    const url = baseUrl()
    const me = uniqueName('gap')
    const stored = [await publishChat(url, me, 'one'), await publishChat(url, me, 'two')]
    const unknown = uniqueName('no-such-id')
    const stream = await openEventStream(`${url}/events`, { headers: { 'last-event-id': unknown } })
    try {
      const live = await publishChat(url, me, 'three')
      await readUntilId(stream, live)
      const [gap] = stream.events.filter((event) => event.event !== 'drop-token')
      assert.equal(gap?.event, 'ssekit-gap', 'The gap event comes first, after the drop token')
      assert.equal(gap?.id, undefined, 'The gap event leaves the last event ID alone')
      assert.deepEqual(JSON.parse(gap?.data ?? ''), { lastEventId: unknown })
      assert.deepEqual(ids(chatsFrom(stream.events, me)), [...stored, live])
      assert.equal(stream.events.filter((event) => event.event === 'ssekit-gap').length, 1)
      assertNoRepeatedIds(stream.events)
    } finally {
      await stream.close()
    }
  })

  test('two subscribers see each other’s messages, with the same IDs and data', async () => {
    const url = baseUrl()
    const [ada, bob] = [uniqueName('ada'), uniqueName('bob')]
    const tabs = await Promise.all([1, 2].map(() => openEventStream(`${url}/events`)))
    try {
      const sent = [
        await publishChat(url, ada, 'hello from ada'),
        await publishChat(url, bob, 'hello from bob'),
      ]
      for (const tab of tabs) await readUntilId(tab, sent.at(-1) as string)
      const [one, two] = tabs.map((tab) =>
        tab.events.filter((event) => event.id !== undefined && sent.includes(event.id)),
      )
      assert.deepEqual(ids(chatsFrom(one ?? [], ada, bob)), sent)
      assert.deepEqual(two, one, 'Both subscribers got the same events, byte for byte')
    } finally {
      await Promise.all(tabs.map((tab) => tab.close()))
    }
  })

  addFeedDropTests({ test, baseUrl })
  addFeedValidationTests({ test, baseUrl })
}

const ids = (chats: readonly { id: string | undefined }[]) => chats.map((chat) => chat.id)
