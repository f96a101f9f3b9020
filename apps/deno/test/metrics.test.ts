import { addDrainTests, addMetricsTests, type RunningServer, startServer } from '@ssekit/testkit'

let server: RunningServer

Deno.test.beforeAll(async () => {
  // Its own server, as `deno task start` runs it: the suite counts every stream it opens.
  server = await startServer({ command: Deno.execPath(), args: ['task', 'start'] })
})
Deno.test.afterAll(() => server?.stop())

const test = (name: string, fn: () => Promise<void>) => Deno.test(name, fn)
addMetricsTests({ test, baseUrl: () => server.url })

addDrainTests({
  test,
  start: (env) => startServer({ command: Deno.execPath(), args: ['task', 'start'], env }),
})
