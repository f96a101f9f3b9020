import { addFeedTests, addHostileTests, type RunningServer } from '@ssekit/testkit'
import { expectFeedResumesInBrowser, expectFeedSharedInBrowser } from '@ssekit/testkit/browser'
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
addHostileTests({
  test,
  baseUrl: () => server.url,
  // wrangler dev's own layers answer these with a 500 before, or whatever, the Worker does; on
  // Cloudflare the edge answers them. See the README's "Hostile requests under wrangler dev".
  failInTheToolchain: {
    'OPTIONS * (the asterisk request-target)':
      "miniflare's entry worker cannot fetch http://host*/ and answers 500 with its own stack",
    'a Host header of `a b`': 'workerd cannot build the request URL and answers 500',
    CONNECT: 'workerd hands CONNECT to a connect() handler and answers 500 without one',
    'a malformed chunked body':
      "wrangler's proxy loses the upload and miniflare answers 500 with its own stack",
    'a body shorter than its Content-Length, then a half-close':
      "wrangler's proxy loses the upload and miniflare answers 500 with its own stack",
  },
})

test('two Chromium pages chat; a page whose stream the server closes resumes without a gap', () =>
  expectFeedResumesInBrowser(server.url))

test('three Chromium pages of /feed share one /events stream; closing the one that holds it loses nothing', () =>
  expectFeedSharedInBrowser(server.url))
