import { addConformanceTests, type RunningServer } from '@ssekit/testkit'
import { expectBrowserSeesTicks } from '@ssekit/testkit/browser'
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
