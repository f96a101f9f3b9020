import { readEventStream } from '@ssekit/testkit/event-stream'
import { Hono } from 'hono'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createApp } from '../src/create-app.ts'

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
    // Held until the end: Node's Request passes an abort on through a WeakRef to its own
    // controller, so a Request already collected would never hear the client leave.
    const request = new Request('http://app.test/sse?interval=400', { signal: client.signal })
    const response = await app.request(request)
    expect(response.status).toBe(200)
    expect(await stats()).toEqual({ open: 1, ticks: 0 })

    const stream = readEventStream(response)
    for (let tick = 1; tick <= 3; tick++) {
      await vi.advanceTimersByTimeAsync(400)
      await stream.waitForEvents(tick)
    }
    // Started at 44.5 s: the ticks come at 44.9, 45.3 and 45.7 s.
    expect(stream.events.map((event) => event.data)).toEqual([
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

  test('compress() gzips the page by default, and { compress: false } leaves that to the platform', async () => {
    const asks = { headers: { 'accept-encoding': 'gzip' } }
    const compressed = await createApp().request('/', asks)
    expect(compressed.headers.get('content-encoding')).toBe('gzip')
    const plain = await createApp({ compress: false }).request('/', asks)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toContain('EventSource')
  })

  test('an unknown path gets a plain 404', async () => {
    const response = await createApp().request('/no/such/page')
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('404 Not Found')
  })

  test('the app answers a handler that throws with the error handler', async () => {
    // Hono's route() keeps the parent's onError for the routes it mounts, so a route group added
    // later to ROUTES is covered too: mount a throwing one on the app as built.
    const app = createApp()
    app.route(
      '/',
      new Hono().get('/boom', () => {
        throw new Error('boom in /srv/app/secret.ts:12:3')
      }),
    )
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const response = await app.request('/boom')
      expect(response.status).toBe(500)
      expect(await response.text()).toBe('Internal server error')
      expect(logged).toHaveBeenCalledOnce()
    } finally {
      logged.mockRestore()
    }
  })
})
