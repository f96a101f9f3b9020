import { afterAll, beforeAll, setDefaultTimeout, test } from 'bun:test'
import { addFeedTests, type RunningServer, startServer } from '@ssekit/testkit'

// Each test waits on a real server and real streams.
setDefaultTimeout(30_000)

let server: RunningServer

beforeAll(async () => {
  // Its own server: the conformance suite's reads /stats, which counts feed streams too.
  server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
})
afterAll(() => server?.stop())

addFeedTests({ test, baseUrl: () => server.url })
