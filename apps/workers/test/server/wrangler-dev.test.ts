import { addConformanceTests, type RunningServer } from '@ssekit/testkit'
import { expectBrowserSeesTicks } from '@ssekit/testkit/browser'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { startWranglerDev } from './wrangler-dev.ts'

// One wrangler dev for the whole file: the conformance suite, then a real browser.
let server: RunningServer
beforeAll(async () => {
  server = await startWranglerDev()
}, 90_000)
afterAll(() => server?.stop())
afterEach(({ task }) => {
  if (task.result?.state === 'fail') console.error(`wrangler dev printed:\n${server?.output()}`)
})

addConformanceTests({ test, baseUrl: () => server.url })

// Cloudflare and wrangler dev compress what the Worker returns; a body the app had gzipped itself
// would arrive gzipped twice, and fetch(), which undoes one layer, would read binary.
test.each(['/', '/stats', '/feed'])(
  'GET %s with Accept-Encoding: gzip is compressed once',
  async (path) => {
    const response = await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip' } })
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(
      path === '/stats' ? /^\{"open":\d+,"ticks":\d+\}$/ : /^<!doctype html>/,
    )
  },
)

test('a real Chromium sees 3 ticks on / and closing it brings /stats back to 0', () =>
  expectBrowserSeesTicks(server.url))

// Last in the file: workerd hears that a client left only on its stream's next write, so the
// feed's stream stays counted in /stats until its heartbeat, which the browser test would see.
// The event streams are gzipped by the app, per event, and must go out as they are
// (`encodeBody: 'manual'`, kept through Hono's c.body() by sse() and subscribe()): fetch() undoes
// the one layer and reads events, where a second layer would leave it binary.
test.each([
  ['/sse?interval=50', undefined],
  ['/events', 'drop-token'],
])('GET %s with Accept-Encoding: gzip is gzipped once, by the app', async (path, first) => {
  const response = await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip' } })
  expect(response.headers.get('content-encoding')).toBe('gzip')
  const stream = readEventStream(response, { timeoutMs: 10_000 })
  const [event] = await stream.waitForEvents(1)
  await stream.cancel()
  expect(event?.event).toBe(first)
})
