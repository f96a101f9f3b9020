import { addFeedTests, type RunningServer, startServer } from '@ssekit/testkit'

let server: RunningServer

Deno.test.beforeAll(async () => {
  // Its own server: the conformance suite's reads /stats, which counts feed streams too.
  server = await startServer({ command: Deno.execPath(), args: ['task', 'start'] })
})
Deno.test.afterAll(() => server?.stop())

addFeedTests({ test: (name, fn) => Deno.test(name, fn), baseUrl: () => server.url })
