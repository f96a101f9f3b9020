import { createDrain, type Drain } from '@ssekit/core'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterEach, expect, it } from 'vitest'
import { createChannel } from '../../src/index.ts'

let drain: Drain | undefined
afterEach(() => {
  drain?.close()
  drain = undefined
})

it('a drain ends every subscriber with a retry hint; new subscribers get 503; publishing goes on', async () => {
  drain = createDrain({ window: 2000 })
  const channel = createChannel()
  const streams = await Promise.all(
    [1, 2, 3].map(async () => readEventStream(await channel.subscribe(new Request('http://x/')))),
  )
  for (const stream of streams) await stream.readChunk()
  const report = await drain.start()
  expect(report.streams).toBe(3)
  for (const stream of streams) {
    await stream.readToEnd()
    expect(stream.retries).toHaveLength(1)
    expect(stream.retries[0]).toBeLessThanOrEqual(2000)
  }
  expect(channel.size).toBe(0)
  const closed: string[] = []
  const refused = await channel.subscribe(new Request('http://x/'), {
    onClose: (reason) => closed.push(reason),
  })
  expect(refused.status).toBe(503)
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
  expect(closed).toEqual(['server'])
  expect(channel.size).toBe(0)
  // Publishing still works: a client that comes back resumes from what was stored meanwhile.
  const id = await channel.publish({ data: 'after the drain' })
  expect(typeof id).toBe('string')
  await channel.close()
})
