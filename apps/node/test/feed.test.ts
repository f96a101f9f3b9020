import { addFeedTests, type RunningServer, startServer } from '@ssekit/testkit'
import { afterAll, beforeAll, test } from 'vitest'

let server: RunningServer

beforeAll(async () => {
  server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
})
afterAll(() => server?.stop())

addFeedTests({ test, baseUrl: () => server.url })
