import { addConformanceTests, type RunningServer } from '@ssekit/testkit'
import { expectBrowserSeesTicks } from '@ssekit/testkit/browser'
import { afterAll, afterEach, beforeAll, test } from 'vitest'
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

test('a real Chromium sees 3 ticks on / and closing it brings /stats back to 0', () =>
  expectBrowserSeesTicks(server.url))
