import { createDrain, sseResponse } from '@ssekit/core'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { expect, test } from 'vitest'
import { drainSettingsFromEnv, gracefulShutdown } from '../src/graceful-shutdown.ts'

const idle = () => {}

test('gracefulShutdown() drains the streams, then stops the server, then closes, and resolves true', async () => {
  const drain = createDrain({ window: 0 })
  const stream = readEventStream(sseResponse(idle))
  await stream.readChunk()
  const steps: string[] = []
  const done = await gracefulShutdown({
    drain,
    stopServer: async () => void steps.push(`server stopped, ${drain.open} streams open`),
    close: async () => void steps.push('closed'),
    deadline: 30_000,
  })
  expect(done).toBe(true)
  expect(steps).toEqual(['server stopped, 0 streams open', 'closed'])
  await stream.readToEnd()
  expect(stream.retries.at(-1)).toBe(0)
  drain.close()
})

test('gracefulShutdown() resolves false at the deadline when a step never finishes', async () => {
  const drain = createDrain({ window: 0 })
  const never = new Promise<void>(() => {})
  const done = await gracefulShutdown({ drain, stopServer: () => never, deadline: 10 })
  expect(done).toBe(false)
  drain.close()
})

test.each(['DRAIN_WINDOW_MS', 'DRAIN_DEADLINE_MS'])(
  'drainSettingsFromEnv() rejects a %s that is not whole milliseconds, naming it',
  (name) => {
    expect(() => drainSettingsFromEnv({ [name]: '1.5' })).toThrow(RangeError)
    expect(() => drainSettingsFromEnv({ [name]: '1.5' })).toThrow(name)
  },
)
