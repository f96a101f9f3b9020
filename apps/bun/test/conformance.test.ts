import { afterAll, beforeAll, setDefaultTimeout, test } from 'bun:test'
import { addConformanceTests, type RunningServer, startServer } from '@ssekit/testkit'

// Each test waits on a real server and real streams.
setDefaultTimeout(30_000)

let server: RunningServer

beforeAll(async () => {
  // The same command as `pnpm start`, on a free port, run by this very Bun.
  server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
})
afterAll(() => server?.stop())

addConformanceTests({ test, baseUrl: () => server.url })
