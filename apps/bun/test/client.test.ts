import { afterAll, beforeAll, setDefaultTimeout, test } from 'bun:test'
import { events } from '@ssekit/client'
import { addClientTests, type RunningServer, startServer } from '@ssekit/testkit'

// Each test waits on a real server and real streams; one restarts the server.
setDefaultTimeout(30_000)

let server: RunningServer
const start = (port?: number) =>
  startServer({ command: process.execPath, args: ['src/main.ts'], port })

beforeAll(async () => {
  // Its own server: this suite reads /stats, and restarts the server.
  server = await start()
})
afterAll(() => server?.stop())

addClientTests({
  test,
  baseUrl: () => server.url,
  events,
  restart: async () => {
    await server.stop()
    server = await start(server.port)
  },
})
