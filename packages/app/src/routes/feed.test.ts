import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { describe, expect, test } from 'vitest'
import { createApp } from '../create-app.ts'
import { MAX_FEED_BODY_BYTES } from '../feed-message.ts'

type App = ReturnType<typeof createApp>

/** Reads an event stream with eventsource-parser until it ends. */
function listen(response: Response) {
  const events: EventSourceMessage[] = []
  const parser = createParser({ onEvent: (event) => events.push(event) })
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  const waiters: (() => void)[] = []
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      parser.feed(decoder.decode(value, { stream: true }))
      for (const wake of waiters.splice(0)) wake()
    }
  })()
  const until = async (count: number) => {
    while (events.length < count) await new Promise<void>((resolve) => waiters.push(resolve))
  }
  return { events, ended, until, cancel: () => reader.cancel() }
}

const post = (app: App, body: string, type = 'application/json') =>
  app.request('/events', { method: 'POST', headers: { 'content-type': type }, body })

describe('the feed routes', () => {
  test('POST /events publishes to every GET /events subscriber, through compress()', async () => {
    const app = createApp()
    const responses = await Promise.all(
      [1, 2].map(() => app.request('/events', { headers: { 'accept-encoding': 'gzip' } })),
    )
    for (const response of responses) {
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
      expect(response.headers.get('content-encoding')).toBeNull()
    }
    const tabs = responses.map(listen)
    const sent = await post(app, JSON.stringify({ from: ' ada ', text: 'hello\nthere' }))
    expect(sent.status).toBe(201)
    const { id } = (await sent.json()) as { id: string }
    await Promise.all(tabs.map((tab) => tab.until(1)))
    for (const tab of tabs) {
      expect(tab.events).toHaveLength(1)
      expect(tab.events[0]?.event).toBe('chat')
      expect(tab.events[0]?.id).toBe(id)
      expect(JSON.parse(tab.events[0]?.data ?? '')).toMatchObject({
        from: 'ada',
        text: 'hello\nthere',
      })
      await tab.cancel()
    }
    expect(await (await app.request('/stats')).json()).toMatchObject({ open: 0 })
  })

  test.each([
    ['not JSON', '{"from":', 'application/json'],
    ['the wrong content type', '{"from":"a","text":"b"}', 'text/plain'],
    ['an array', '[]', 'application/json'],
    ['a missing text', '{"from":"a"}', 'application/json'],
    ['a blank name', '{"from":"  ","text":"b"}', 'application/json'],
    ['a number', '{"from":"a","text":5}', 'application/json'],
    ['an extra field', '{"from":"a","text":"b","admin":true}', 'application/json'],
    ['a control character in the name', '{"from":"a\\u0007","text":"b"}', 'application/json'],
    [
      'a text over 1000 characters',
      JSON.stringify({ from: 'a', text: 'x'.repeat(1001) }),
      'application/json',
    ],
    [
      'a body over the size limit',
      JSON.stringify({ from: 'a', text: ' '.repeat(MAX_FEED_BODY_BYTES) }),
      'application/json',
    ],
  ])('POST /events answers 400 to %s and publishes nothing', async (_, body, type) => {
    const app = createApp()
    const tab = listen(await app.request('/events'))
    const response = await post(app, body, type)
    expect(response.status).toBe(400)
    expect(await response.text()).toMatch(/^Cannot publish/)
    const ok = await post(app, JSON.stringify({ from: 'a', text: 'only this' }))
    expect(ok.status).toBe(201)
    await tab.until(1)
    expect(tab.events.map((event) => JSON.parse(event.data).text)).toEqual(['only this'])
    await tab.cancel()
  })

  test('POST /events refuses an oversized body sent without Content-Length', async () => {
    const app = createApp()
    const chunk = new TextEncoder().encode(' '.repeat(1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 256) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const response = await app.request('/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(400)
    // It read past the limit only up to its discard budget (64 KiB), not to the end of the body.
    expect(sent).toBeLessThan(80)
  })

  test('a dropped client resumes from Last-Event-ID without a gap', async () => {
    const app = createApp()
    const say = async (text: string) => {
      const response = await post(app, JSON.stringify({ from: 'b', text }))
      return ((await response.json()) as { id: string }).id
    }
    const tab = listen(await app.request('/events?client=tab-1'))
    await say('one')
    await say('two')
    await tab.until(2)
    expect((await app.request('/events/drop?client=tab-1', { method: 'POST' })).status).toBe(204)
    await tab.ended
    await say('three')
    await say('four')
    const lastSeen = tab.events.at(-1)?.id ?? ''
    const again = listen(
      await app.request('/events?client=tab-1', { headers: { 'last-event-id': lastSeen } }),
    )
    await say('five')
    await again.until(3)
    expect(again.events.map((event) => JSON.parse(event.data).text)).toEqual([
      'three',
      'four',
      'five',
    ])
    await again.cancel()
    expect((await app.request('/events/drop?client=nobody', { method: 'POST' })).status).toBe(404)
    expect((await app.request('/events?client=bad%20id')).status).toBe(400)
  })

  test('GET /feed serves the chat page on the feed', async () => {
    const response = await createApp().request('/feed')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain("new EventSource('/events?client=' + client)")
    expect(html).toContain("addEventListener('chat'")
  })
})
