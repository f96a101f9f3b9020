import { afterAll, beforeAll, setDefaultTimeout, test } from 'bun:test'
import { addDrainTests, addMetricsTests, type RunningServer, startServer } from '@ssekit/testkit'

// Each test waits on a real server and real streams.
setDefaultTimeout(30_000)

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
