import { addConformanceTests, type RunningServer, startServer } from '@ssekit/testkit'
import { afterAll, beforeAll, test } from 'vitest'

let server: RunningServer

beforeAll(async () => {
  // The same command as `pnpm start`, on a free port.
  server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
})
afterAll(() => server?.stop())

addConformanceTests({ test, baseUrl: () => server.url })
