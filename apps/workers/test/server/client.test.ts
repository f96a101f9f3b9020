import { events } from '@ssekit/client'
import { addClientTests, type RunningServer } from '@ssekit/testkit'
import { afterAll, afterEach, beforeAll, test } from 'vitest'
import { startWranglerDev } from './wrangler-dev.ts'

// A wrangler dev of its own: this suite reads /stats, and restarts the server.
let server: RunningServer
beforeAll(async () => {
  server = await startWranglerDev()
}, 90_000)
afterAll(() => server?.stop())
afterEach(({ task }) => {
  if (task.result?.state === 'fail') console.error(`wrangler dev printed:\n${server?.output()}`)
})

addClientTests({
  // A restart of wrangler dev takes seconds: give that test room.
  test: (name, fn) => test(name, fn, 120_000),
  baseUrl: () => server.url,
  events,
  restart: async () => {
    await server.stop()
    server = await startWranglerDev(server.port)
  },
})
