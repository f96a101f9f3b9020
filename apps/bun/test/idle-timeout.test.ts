import { afterAll, beforeAll, expect, setDefaultTimeout, test } from 'bun:test'
import { assertTick, openEventStream, type RunningServer, startServer } from '@ssekit/testkit'

setDefaultTimeout(30_000)

let server: RunningServer

beforeAll(async () => {
  server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
})
afterAll(() => server?.stop())

// Bun's default idleTimeout closes a connection after 10 s without bytes.
test("a stream quiet for 12 s outlives Bun's 10 s idle timeout", async () => {
  const stream = await openEventStream(`${server.url}/sse?interval=12000`, { timeoutMs: 20_000 })
  try {
    const [tick] = await stream.waitForEvents(1)
    expect(tick).toBeDefined()
    assertTick(tick?.data ?? '')
  } finally {
    await stream.close()
  }
})
