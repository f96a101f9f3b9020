import { afterAll, beforeAll, describe, setDefaultTimeout, test } from 'bun:test'
import { addStreamCapTests, type RunningServer, startServer } from '@ssekit/testkit'

// Each test waits on a real server and real streams.
setDefaultTimeout(30_000)

// Servers of their own: the suite fills a client's every slot, and reads /stats.
let server: RunningServer
let proxied: RunningServer
beforeAll(async () => {
  ;[server, proxied] = await Promise.all([
    startServer({ command: process.execPath, args: ['src/main.ts'] }),
    startServer({
      command: process.execPath,
      args: ['src/main.ts'],
      env: { MAX_STREAMS_PER_CLIENT: '2', CLIENT_ADDRESS_HEADER: 'x-forwarded-for' },
    }),
  ])
})
afterAll(() => Promise.all([server?.stop(), proxied?.stop()]))

describe('by default', () => {
  addStreamCapTests({ test, baseUrl: () => server.url, max: 64 })
})
describe('behind a proxy that sets X-Forwarded-For', () => {
  addStreamCapTests({ test, baseUrl: () => proxied.url, max: 2, trustedHeader: 'x-forwarded-for' })
})
