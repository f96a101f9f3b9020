import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { describe, expect, it } from 'vitest'
import { fetchWorker, stats } from './worker.ts'

/** The stub of the feed's Durable Object, the one `createDurableChannel(env.FEED, 'feed')` uses. */
const feedObject = () => env.FEED.get(env.FEED.idFromName('feed'))

/** Resets the feed's object as a deploy does; the call itself fails with the reset. */
async function resetFeedObject(reason: string): Promise<void> {
  await runInDurableObject(feedObject(), (_, state) => state.abort(reason)).catch(() => {})
}

function post(text: string): Promise<Response> {
  return fetchWorker('/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'ops', text }),
  })
}

async function publish(text: string): Promise<string> {
  const response = await post(text)
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

describe('the feed when its Durable Object fails', () => {
  it('an error inside the object answers POST /events 503 with Retry-After, and shows none of it', async () => {
    await publish('before')
    // The object's table goes missing: each append now throws inside the object.
    await runInDurableObject(feedObject(), (_, state) => {
      state.storage.sql.exec('DROP TABLE ssekit_events')
    })
    const refused = await post('refused')
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('1')
    const text = await refused.text()
    expect(text).toBe(
      "Cannot publish: the call to the channel's Durable Object failed; the event may have been stored",
    )
    // Reset, the object is made again from SQLite: a new table, and its counter went on.
    await resetFeedObject('repair')
    expect(Number(await publish('after'))).toBeGreaterThan(1)
  })

  it('a reset ends each /events stream with the retry hint, cleanly; the client resumes exactly', async () => {
    const stream = readEventStream(await fetchWorker('/events'), { timeoutMs: 5000 })
    const seen = await publish('seen')
    await stream.waitUntil(() => stream.events.some((event) => event.id === seen), 'the event')
    expect((await stats()).open).toBe(1)
    await resetFeedObject('a deploy')
    // readToEnd() throws if the body errors: this end is a clean one, after a last `retry:`.
    await stream.readToEnd()
    expect(stream.retries).toEqual([1000, 1000])
    await expect.poll(async () => (await stats()).open).toBe(0)
    const missed = await publish('while away')
    const back = readEventStream(
      await fetchWorker('/events', { headers: { 'last-event-id': seen } }),
      {
        timeoutMs: 5000,
      },
    )
    await back.waitUntil(() => back.events.some((event) => event.id === missed), 'the missed event')
    const chats = back.events.filter((event) => event.event === 'chat')
    expect(chats.map((event) => JSON.parse(event.data).text)).toEqual(['while away'])
    await back.cancel()
  })
})
