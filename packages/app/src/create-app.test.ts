import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createApp } from './create-app.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('createApp()', () => {
  test('GET / serves the live page with an EventSource on /sse', async () => {
    const response = await createApp().request('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toContain("new EventSource('/sse' + location.search)")
  })

  test('GET /sse answers 400 naming `interval` when the interval is bad', async () => {
    const response = await createApp().request('/sse?interval=10')
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('`interval`')
  })

  test('GET /sse ticks every interval, and /stats counts the stream until the client leaves', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 20, 5, 44, 500) })
    const app = createApp()
    const stats = async () => (await app.request('/stats')).json()
    const client = new AbortController()
    // Node's Request follows `client.signal` through a WeakRef that only the Request keeps alive
    // (nodejs/undici#1926): hold it until after the abort, or a GC in between loses the abort.
    const request = new Request('http://localhost/sse?interval=400', { signal: client.signal })
    const response = await app.request(request)
    expect(response.status).toBe(200)
    expect(await stats()).toEqual({ open: 1, ticks: 0 })

    const events: EventSourceMessage[] = []
    const parser = createParser({ onEvent: (event) => events.push(event) })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    const readEvents = async (count: number) => {
      while (events.length < count) {
        parser.feed(decoder.decode((await reader.read()).value, { stream: true }))
      }
    }
    for (let tick = 1; tick <= 3; tick++) {
      await vi.advanceTimersByTimeAsync(400)
      await readEvents(tick)
    }
    // Started at 44.5 s: the ticks come at 44.9, 45.3 and 45.7 s.
    expect(events.map((event) => event.data)).toEqual([
      '2026-11-23T20:05:44Z',
      '2026-11-23T20:05:45Z',
      '2026-11-23T20:05:45Z',
    ])
    expect(await stats()).toEqual({ open: 1, ticks: 3 })

    client.abort()
    expect(request.signal.aborted).toBe(true)
    expect(await stats()).toEqual({ open: 0, ticks: 3 })
    // No ticker wait and no heartbeat survive the client.
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(1000)
    expect(await stats()).toEqual({ open: 0, ticks: 3 })
  })
})
