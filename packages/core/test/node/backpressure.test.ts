import { describe, expect, it } from 'vitest'
import { encode, sseStream } from '../../src/index.ts'

const MB = 1024 * 1024
const HIGH_WATER_MARK = 64 * 1024

describe('sseStream() backpressure', () => {
  it('sseStream() keeps memory bounded while a producer writes 100 MB to a stalled reader', async () => {
    const message = { data: 'x'.repeat(16 * 1024) }
    const messageBytes = encode(message).length
    let acceptedBytes = 0
    let readBytes = 0
    let maxBacklog = 0
    const stream = sseStream(
      async (sink) => {
        while (acceptedBytes < 100 * MB) {
          if (!(await sink.send(message))) return
          acceptedBytes += messageBytes
          maxBacklog = Math.max(maxBacklog, acceptedBytes - readBytes)
        }
      },
      { heartbeat: false },
    )
    const reader = stream.getReader()
    await reader.read() // the opening comment
    // Stalled: the reader takes nothing while the producer pushes.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(acceptedBytes).toBeLessThanOrEqual(HIGH_WATER_MARK + messageBytes)
    globalThis.gc?.()
    const heapBefore = process.memoryUsage().heapUsed
    let heapPeak = heapBefore
    // Then it drains slowly, one chunk per timer turn, to the end of 100 MB.
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      readBytes += value.length
      if (readBytes % (8 * MB) < value.length) {
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
        await new Promise((resolve) => setTimeout(resolve, 0))
      }
    }
    // Everything accepted arrives: the opening comment aside, byte for byte.
    expect(readBytes).toBe(acceptedBytes)
    expect(acceptedBytes).toBeGreaterThanOrEqual(100 * MB)
    expect(maxBacklog).toBeLessThanOrEqual(HIGH_WATER_MARK + 2 * messageBytes)
    expect(heapPeak - heapBefore).toBeLessThan(32 * MB)
  })
})
