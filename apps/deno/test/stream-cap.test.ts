import { addStreamCapTests, type RunningServer, startServer } from '@ssekit/testkit'

// Servers of their own: the suite fills a client's every slot, and reads /stats.
let server: RunningServer
let proxied: RunningServer
Deno.test.beforeAll(async () => {
  ;[server, proxied] = await Promise.all([
    startServer({ command: Deno.execPath(), args: ['task', 'start'] }),
    startServer({
      command: Deno.execPath(),
      args: ['task', 'start'],
      env: { MAX_STREAMS_PER_CLIENT: '2', CLIENT_ADDRESS_HEADER: 'x-forwarded-for' },
    }),
  ])
})
Deno.test.afterAll(() => Promise.all([server?.stop(), proxied?.stop()]).then(() => {}))

const test = (name: string, fn: () => Promise<void>) => Deno.test(name, fn)
addStreamCapTests({ test, baseUrl: () => server.url, max: 64 })
addStreamCapTests({ test, baseUrl: () => proxied.url, max: 2, trustedHeader: 'x-forwarded-for' })
