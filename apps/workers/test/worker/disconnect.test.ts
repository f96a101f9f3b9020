import { readEventStream } from '@ssekit/testkit/event-stream'
import { describe, expect, it } from 'vitest'
import { fetchWorker, stats } from './worker.ts'

describe('a client leaving the Worker', () => {
  it('aborting the request closes the stream and stops the ticker', async () => {
    const client = new AbortController()
    const response = await fetchWorker('/sse?interval=50', { signal: client.signal })
    const reader = response.body?.getReader()
    await reader?.read()
    expect((await stats()).open).toBe(1)
    client.abort()
    await expect.poll(async () => (await stats()).open).toBe(0)
    await expectTicksStopped()
  })

  it('hanging up mid-stream closes the stream and stops the ticker', async () => {
    const stream = readEventStream(await fetchWorker('/sse?interval=50'))
    await stream.waitForEvents(2)
    await stream.cancel()
    await expect.poll(async () => (await stats()).open).toBe(0)
    await expectTicksStopped()
  })
})

// No tick may be produced once no client is left: sample the counter across a few intervals.
async function expectTicksStopped(): Promise<void> {
  const before = (await stats()).ticks
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect((await stats()).ticks).toBe(before)
}
