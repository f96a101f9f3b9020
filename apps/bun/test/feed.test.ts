import { afterAll, beforeAll, setDefaultTimeout, test } from 'bun:test'
import {
  addFeedTests,
  addHostileTests,
  addSlowConsumerTests,
  type RunningServer,
  startServer,
} from '@ssekit/testkit'

// Each test waits on a real server and real streams.
setDefaultTimeout(30_000)

let server: RunningServer

beforeAll(async () => {
  // Its own server for the feed and hostile suites: the conformance suite's reads /stats too.
  server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
})
afterAll(() => server?.stop())

addFeedTests({ test, baseUrl: () => server.url })
addHostileTests({ test, baseUrl: () => server.url })
addSlowConsumerTests({ test, baseUrl: () => server.url })
