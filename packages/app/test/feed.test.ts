import { createChannel } from '@ssekit/channel'
import { type EventStreamReader, readEventStream } from '@ssekit/testkit/event-stream'
import { describe, expect, test } from 'vitest'
import { createApp } from '../src/create-app.ts'
import { type FeedEvents, MAX_FEED_BODY_BYTES } from '../src/feed-message.ts'

type App = ReturnType<typeof createApp>

const post = (app: App, body: string, type = 'application/json') =>
  app.request('/events', { method: 'POST', headers: { 'content-type': type }, body })

const say = async (app: App, text: string) => {
  const response = await post(app, JSON.stringify({ from: 'b', text }))
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

const chats = (stream: EventStreamReader) =>
  stream.events.filter((event) => event.event === 'chat').map((event) => JSON.parse(event.data))

/** Opens `GET /events` and reads its first event: the stream's own drop token. */
async function subscribe(app: App, headers: Record<string, string> = {}, path = '/events') {
  const stream = readEventStream(await app.request(path, { headers }))
  const [first] = await stream.waitForEvents(1)
  expect(first?.event).toBe('drop-token')
  // JSON like every other feed event, so a client that parses every event's data as JSON can.
  const { token } = JSON.parse(first?.data ?? '{}') as { token: string }
  return { stream, token }
}

const drop = (app: App, headers: Record<string, string>) =>
  app.request('/events/drop', { method: 'POST', headers })

describe('the feed routes', () => {
  test('POST /events publishes to every GET /events subscriber, gzip-compressed per event', async () => {
    const app = createApp()
    const responses = await Promise.all(
      [1, 2].map(() => app.request('/events', { headers: { 'accept-encoding': 'gzip' } })),
    )
    for (const response of responses) {
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
      // Compressed once, by the stream itself: Hono's compress() in front leaves it alone.
      expect(response.headers.get('content-encoding')).toBe('gzip')
    }
    const tabs = responses.map((response) =>
      readEventStream(
        (response.body as ReadableStream<Uint8Array>).pipeThrough(
          new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>,
        ),
      ),
    )
    const sent = await post(app, JSON.stringify({ from: ' ada ', text: 'hello\nthere' }))
    expect(sent.status).toBe(201)
    const { id } = (await sent.json()) as { id: string }
    await Promise.all(tabs.map((tab) => tab.waitForEvents(2)))
    for (const tab of tabs) {
      const [, chat] = tab.events
      expect(tab.events).toHaveLength(2)
      expect(chat?.event).toBe('chat')
      expect(chat?.id).toBe(id)
      expect(JSON.parse(chat?.data ?? '')).toMatchObject({ from: 'ada', text: 'hello\nthere' })
      await tab.cancel()
    }
    // The cancel reaches each stream through its decompressor's pipe, a few turns later.
    await expect
      .poll(async () => ((await (await app.request('/stats')).json()) as { open: number }).open)
      .toBe(0)
  })

  test('GET /events hands each stream a drop token of its own, before anything else', async () => {
    const app = createApp()
    const [one, two] = [await subscribe(app), await subscribe(app)]
    expect(one.token).toMatch(/^[0-9a-f-]{36}$/)
    expect(two.token).not.toBe(one.token)
    expect(one.stream.events[0]?.id).toBeUndefined()
    await Promise.all([one.stream.cancel(), two.stream.cancel()])
  })

  test('HEAD /events answers the headers alone, with no stream counted or left behind', async () => {
    const app = createApp()
    for (let n = 0; n < 20; n++) {
      const response = await app.request('/events', {
        method: 'HEAD',
        headers: n % 2 ? { 'last-event-id': 'x'.repeat(n * 100) } : {},
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
      expect(response.body).toBeNull()
    }
    expect(await (await app.request('/stats')).json()).toMatchObject({ open: 0 })
  })

  test('a dropped stream resumes from Last-Event-ID without a gap', async () => {
    const app = createApp()
    const { stream, token } = await subscribe(app)
    await say(app, 'one')
    await say(app, 'two')
    await stream.waitForEvents(3)
    expect((await drop(app, { 'drop-token': token })).status).toBe(204)
    await stream.readToEnd()
    await say(app, 'three')
    await say(app, 'four')
    const lastSeen = stream.events.at(-1)?.id ?? ''
    const again = await subscribe(app, { 'last-event-id': lastSeen })
    await say(app, 'five')
    await again.stream.waitForEvents(4)
    expect(chats(again.stream).map((chat) => chat.text)).toEqual(['three', 'four', 'five'])
    // A token closes its stream once; the stream that replaced it has a new one.
    expect((await drop(app, { 'drop-token': token })).status).toBe(404)
    await again.stream.cancel()
    expect(await (await app.request('/stats')).json()).toMatchObject({ open: 0 })
  })

  test('POST /events/drop without the stream’s own token is refused and closes nothing', async () => {
    const app = createApp()
    const { stream } = await subscribe(app, {}, '/events?client=tab-1')
    const refused = [
      await drop(app, {}),
      await drop(app, { 'drop-token': '' }),
      await drop(app, { 'drop-token': crypto.randomUUID() }),
      await app.request('/events/drop?client=tab-1', { method: 'POST' }),
    ]
    expect(refused.map((response) => response.status)).toEqual([400, 400, 404, 400])
    expect(await refused[0]?.text()).toContain('`drop-token`')
    // A second subscriber under the same `?client=` takes nothing over either.
    const second = await subscribe(app, {}, '/events?client=tab-1')
    await say(app, 'still here')
    await stream.waitForEvents(2)
    expect(chats(stream).map((chat) => chat.text)).toEqual(['still here'])
    expect(stream.done).toBe(false)
    expect(await (await app.request('/stats')).json()).toMatchObject({ open: 2 })
    await Promise.all([stream.cancel(), second.stream.cancel()])
  })

  test.each([
    ['not JSON', '{"from":', 'application/json', 400],
    ['the wrong content type', '{"from":"a","text":"b"}', 'text/plain', 415],
    [
      'a content type that only starts like JSON',
      '{"from":"a","text":"b"}',
      'application/jsonx',
      415,
    ],
    ['an array', '[]', 'application/json', 400],
    ['a missing text', '{"from":"a"}', 'application/json', 400],
    ['a blank name', '{"from":"  ","text":"b"}', 'application/json', 400],
    ['a number', '{"from":"a","text":5}', 'application/json', 400],
    ['an extra field', '{"from":"a","text":"b","admin":true}', 'application/json', 400],
    ['a __proto__ field', '{"from":"a","text":"b","__proto__":{"x":1}}', 'application/json', 400],
    ['a control character in the name', '{"from":"a\\u0007","text":"b"}', 'application/json', 400],
    ['a bidi override in the name', '{"from":"a\\u202e","text":"b"}', 'application/json', 400],
    ['a lone surrogate in the text', '{"from":"a","text":"\\ud800"}', 'application/json', 400],
    [
      'a text over 1000 characters',
      JSON.stringify({ from: 'a', text: 'x'.repeat(1001) }),
      'application/json',
      400,
    ],
    [
      'a body over the size limit',
      JSON.stringify({ from: 'a', text: ' '.repeat(MAX_FEED_BODY_BYTES) }),
      'application/json',
      413,
    ],
  ])('POST /events refuses %s and publishes nothing', async (_, body, type, status) => {
    const app = createApp()
    const { stream } = await subscribe(app)
    const response = await post(app, body, type)
    expect(response.status).toBe(status)
    expect(await response.text()).toMatch(/^Cannot publish/)
    await say(app, 'only this')
    await stream.waitForEvents(2)
    expect(chats(stream).map((chat) => chat.text)).toEqual(['only this'])
    await stream.cancel()
  })

  test.each([
    'APPLICATION/JSON',
    'application/json; charset=utf-8',
    'Application/Json ;charset=UTF-8',
  ])('POST /events takes content-type %j', async (type) => {
    const response = await post(createApp(), JSON.stringify({ from: 'a', text: 'b' }), type)
    expect(response.status).toBe(201)
  })

  test('GET /feed serves the chat page, which reads the feed in shared mode', async () => {
    const response = await createApp().request('/feed')
    expect(response.status).toBe(200)
    const html = await response.text()
    // The page reads the feed with @ssekit/client, in shared mode, from the app itself.
    expect(html).toContain("import { events } from '/ssekit-client.js'")
    expect(html).toContain("events('/events', {\n    shared: true,")
  })

  test('GET /events: a stream the feed ends for a slow consumer errors its body, so the connection goes too', async () => {
    const feed = createChannel<FeedEvents>({ maxBuffered: 8 * 1024 })
    const app = createApp({ feed })
    // Never read, like a client whose socket takes no more bytes.
    const response = await app.request('/events')
    for (let n = 0; n < 50 && feed.stats.slowDisconnects === 0; n++) await say(app, 'x'.repeat(900))
    expect(feed.stats.slowDisconnects).toBe(1)
    expect(await (await app.request('/stats')).json()).toMatchObject({ open: 0 })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const read = async (): Promise<void> => {
      if (!(await reader.read()).done) return read()
    }
    await expect(read()).rejects.toThrow('Closed a connection whose feed stream the server ended')
  })

  test('GET /events: the runtime’s closeConnection() runs for a slow consumer’s stream, not for a drop', async () => {
    const feed = createChannel<FeedEvents>({ maxBuffered: 8 * 1024 })
    const closed: string[] = []
    const app = createApp({ feed, closeConnection: (c) => void closed.push(c.req.path) })
    const { stream, token } = await subscribe(app)
    expect((await drop(app, { 'drop-token': token })).status).toBe(204)
    await stream.readToEnd()
    expect(closed).toEqual([])
    const slow = await app.request('/events')
    for (let n = 0; n < 50 && feed.stats.slowDisconnects === 0; n++) await say(app, 'x'.repeat(900))
    expect(closed).toEqual(['/events'])
    await slow.body?.cancel()
    // A closed feed answers 204: there is no stream, and the connection stays.
    await feed.close()
    expect((await app.request('/events')).status).toBe(204)
    expect(closed).toEqual(['/events'])
  })
})
