import { type LeakTracker, sleep, trackLeaks } from '@ssekit/testkit/event-stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CloseReason, sseStream } from '../../../src/index.ts'

const STREAMS = 1_000

let leaks: LeakTracker
beforeEach(() => {
  leaks = trackLeaks()
})
afterEach(() => {
  leaks.restore()
})

describe('sseStream() disconnect storm', () => {
  it(`sseStream() leaves nothing behind when ${STREAMS} clients vanish mid-send`, async () => {
    const closes = new Map<number, CloseReason[]>()
    let open = 0
    let seed = 42
    // A small deterministic generator, so a failure can be replayed.
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const clients = Array.from({ length: STREAMS }, async (_, index) => {
      const controller = leaks.trackedController()
      closes.set(index, [])
      open++
      const stream = sseStream(
        async (sink) => {
          // Bursts of unawaited sends race the disconnect, then awaited ones.
          for (let i = 0; !sink.signal.aborted; i++) {
            if (i % 7 === 0) for (let j = 0; j < 5; j++) void sink.send({ data: `${i}.${j}` })
            await sink.send({ id: String(i), data: 'x'.repeat(100) })
            if (i % 3 === 0) await sleep(0)
          }
        },
        {
          signal: controller.signal,
          heartbeat: 50,
          highWaterMark: 2_048,
          onClose: (reason) => {
            closes.get(index)?.push(reason)
            open--
          },
        },
      )
      const reader = stream.getReader()
      const reads = Math.floor(random() * 20)
      for (let i = 0; i < reads; i++) await reader.read()
      // Leave one read in flight half the time, as a real server's pump does.
      const inFlight = random() < 0.5 ? reader.read().catch(() => {}) : undefined
      if (random() < 0.5) controller.abort()
      else await reader.cancel()
      if (random() < 0.3) controller.abort()
      await inFlight
    })
    await Promise.all(clients)
    await sleep(100)
    expect(open).toBe(0)
    for (const reasons of closes.values()) expect(reasons).toEqual(['client'])
    expect(leaks.liveIntervals).toBe(0)
    expect(leaks.liveListeners).toBe(0)
  })
})
