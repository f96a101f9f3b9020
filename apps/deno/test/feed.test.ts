import {
  addFeedTests,
  addHostileTests,
  addSlowConsumerTests,
  type RunningServer,
  startServer,
} from '@ssekit/testkit'

let server: RunningServer

Deno.test.beforeAll(async () => {
  // Its own server for the feed and hostile suites: the conformance suite's reads /stats too.
  server = await startServer({ command: Deno.execPath(), args: ['task', 'start'] })
})
Deno.test.afterAll(() => server?.stop())

const test = (name: string, fn: () => Promise<void>) => Deno.test(name, fn)
addFeedTests({ test, baseUrl: () => server.url })
addHostileTests({ test, baseUrl: () => server.url })
addSlowConsumerTests({
  test,
  baseUrl: () => server.url,
  // Deno.serve has no write timeout and lets no handler close a connection (denoland/deno#3515):
  // the errored body ends the connection only once the client reads again.
  holdsStuckSocket: 'Deno.serve cannot close a connection whose writes are stuck',
})
