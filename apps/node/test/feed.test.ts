import {
  addFeedTests,
  addHostileTests,
  addSlowConsumerTests,
  type RunningServer,
  startServer,
} from '@ssekit/testkit'
import { expectFeedResumesInBrowser, expectFeedSharedInBrowser } from '@ssekit/testkit/browser'
import { afterAll, beforeAll, test } from 'vitest'

let server: RunningServer

beforeAll(async () => {
  // Its own server for the feed and hostile suites: the conformance suite's reads /stats too.
  server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
})
afterAll(() => server?.stop())

addFeedTests({ test, baseUrl: () => server.url })
addHostileTests({ test, baseUrl: () => server.url })
addSlowConsumerTests({ test, baseUrl: () => server.url })

test('two Chromium pages chat; a page whose stream the server closes resumes without a gap', () =>
  expectFeedResumesInBrowser(server.url))

test('three Chromium pages of /feed share one /events stream; closing the one that holds it loses nothing', () =>
  expectFeedSharedInBrowser(server.url))
