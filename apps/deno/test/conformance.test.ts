import { addConformanceTests, type RunningServer, startServer } from '@ssekit/testkit'

let server: RunningServer

Deno.test.beforeAll(async () => {
  // Exactly `pnpm start` (`deno task start`), on a free port, run by this very Deno.
  server = await startServer({ command: Deno.execPath(), args: ['task', 'start'] })
})
Deno.test.afterAll(() => server?.stop())

addConformanceTests({ test: (name, fn) => Deno.test(name, fn), baseUrl: () => server.url })
