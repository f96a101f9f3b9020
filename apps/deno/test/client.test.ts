import { events } from '@ssekit/client'
import { addClientTests, type RunningServer, startServer } from '@ssekit/testkit'

let server: RunningServer
const start = (port?: number) =>
  startServer({ command: Deno.execPath(), args: ['task', 'start'], port })

Deno.test.beforeAll(async () => {
  // Its own server: this suite reads /stats, and restarts the server.
  server = await start()
})
Deno.test.afterAll(() => server?.stop())

addClientTests({
  test: (name, fn) => Deno.test(name, fn),
  baseUrl: () => server.url,
  events,
  restart: async () => {
    await server.stop()
    server = await start(server.port)
  },
})
