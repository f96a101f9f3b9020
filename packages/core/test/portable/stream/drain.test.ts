import { type LeakTracker, readEventStream, sleep, trackLeaks } from '@ssekit/testkit/event-stream'
import { afterEach, beforeEach, expect, it } from 'vitest'
import {
  type CloseReason,
  createDrain,
  type Drain,
  type LogRecord,
  setLogger,
  sseResponse,
  sseStream,
} from '../../../src/index.ts'

let leaks: LeakTracker
let drain: Drain | undefined
const logs: LogRecord[] = []
beforeEach(() => {
  leaks = trackLeaks()
  setLogger((record) => void logs.push(record))
})
afterEach(() => {
  drain?.close()
  drain = undefined
  setLogger(undefined)
  logs.length = 0
  leaks.restore()
})

const idle = () => {}

it('start() ends every open stream with a retry: drawn from [0, window], as a server close', async () => {
  drain = createDrain({ window: 1000 })
  const reasons: CloseReason[] = []
  const streams = Array.from({ length: 40 }, () =>
    readEventStream(sseResponse(idle, { onClose: (reason) => reasons.push(reason) })),
  )
  for (const stream of streams) await stream.readChunk()
  expect(drain.open).toBe(40)
  const report = await drain.start()
  for (const stream of streams) await stream.readToEnd()
  expect(report).toMatchObject({ streams: 40, remaining: 0 })
  expect(reasons).toEqual(Array(40).fill('server'))
  const hints = streams.map((stream) => stream.retries)
  for (const retries of hints) {
    expect(retries).toHaveLength(1)
    expect(retries[0]).toBeGreaterThanOrEqual(0)
    expect(retries[0]).toBeLessThanOrEqual(1000)
  }
  // Spread, not one value for all: 40 draws from 1 001 values.
  expect(new Set(hints.flat()).size).toBeGreaterThan(20)
  expect(drain.open).toBe(0)
  await sleep(5)
  expect(leaks.liveIntervals).toBe(0)
})

it('while draining, sseResponse() answers 503 with Retry-After and runs no source', async () => {
  drain = createDrain({ window: 5000 })
  await drain.start()
  let ran = false
  const reasons: CloseReason[] = []
  const response = sseResponse(
    () => {
      ran = true
    },
    { onClose: (reason) => reasons.push(reason), headers: { 'access-control-allow-origin': '*' } },
  )
  expect(response.status).toBe(503)
  const retryAfter = Number(response.headers.get('retry-after'))
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 5).toBe(true)
  expect(response.headers.get('access-control-allow-origin')).toBe('*')
  expect(ran).toBe(false)
  expect(reasons).toEqual(['server'])
  await response.body?.cancel()
  // A bare stream has no status to set: it ends at once with a hint instead.
  const bare = readEventStream(sseStream(idle))
  await bare.readToEnd()
  expect(bare.retries).toHaveLength(1)
})

it('logs ssekit.drain.started and ssekit.drain.done as structured records', async () => {
  drain = createDrain({ window: 0 })
  const stream = readEventStream(sseResponse(idle))
  await stream.readChunk()
  await drain.start()
  expect(logs.map(({ level, event, streams }) => ({ level, event, streams }))).toEqual([
    { level: 'info', event: 'ssekit.drain.started', streams: 1 },
    { level: 'info', event: 'ssekit.drain.done', streams: 1 },
  ])
  await stream.readToEnd()
  expect(stream.retries).toEqual([0])
})

it('createDrain() checks its options and allows one drain at a time', () => {
  expect(() => createDrain({ window: -1 })).toThrow(
    new RangeError(
      'Cannot create the drain: option `window` must be a non-negative safe integer, got -1',
    ),
  )
  expect(() => createDrain({ deadline: 2 ** 31 })).toThrow(RangeError)
  drain = createDrain()
  expect(() => createDrain()).toThrow('Cannot create the drain: this process has one already')
  drain.close()
  drain = createDrain()
  expect(drain.draining).toBe(false)
})

it('streams ended by the drain see it draining in their onClose', async () => {
  drain = createDrain()
  const seen: boolean[] = []
  const stream = readEventStream(
    sseResponse(idle, { onClose: () => void seen.push(drain?.draining ?? false) }),
  )
  await stream.readChunk()
  await drain.start()
  expect(seen).toEqual([true])
  await stream.readToEnd()
})
