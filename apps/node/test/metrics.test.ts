import { addDrainTests, addMetricsTests, type RunningServer, startServer } from '@ssekit/testkit'
import { afterAll, beforeAll, test } from 'vitest'

let server: RunningServer

beforeAll(async () => {
  // Its own server: the suite counts every stream the server opens.
  server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
})
afterAll(() => server?.stop())

addMetricsTests({ test, baseUrl: () => server.url })

addDrainTests({
  test,
  start: (env) => startServer({ command: process.execPath, args: ['src/main.ts'], env }),
})
