import { addFeedTests, type RunningServer } from '@ssekit/testkit'
import { expectFeedResumesInBrowser } from '@ssekit/testkit/browser'
import { afterAll, afterEach, beforeAll, test } from 'vitest'
import { startWranglerDev } from './wrangler-dev.ts'

// A wrangler dev of its own: the conformance suite reads /stats, which counts feed streams too.
// One isolate serves every request, so every test here shares the one channel.
let server: RunningServer
beforeAll(async () => {
  server = await startWranglerDev()
}, 90_000)
afterAll(() => server?.stop())
afterEach(({ task }) => {
  if (task.result?.state === 'fail') console.error(`wrangler dev printed:\n${server?.output()}`)
})

addFeedTests({ test, baseUrl: () => server.url })

test('two Chromium pages chat; a page whose stream the server closes resumes without a gap', () =>
  expectFeedResumesInBrowser(server.url))
