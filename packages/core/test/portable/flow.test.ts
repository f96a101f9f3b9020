import { describe, expect, it } from 'vitest'
import { sseStream } from '../../src/index.ts'
import { readStream, sleep } from '../support/read-stream.ts'

describe('sseStream() flow', () => {
  it('sseStream() coalesces messages that wait for a busy consumer into one chunk', async () => {
    const stream = sseStream((sink) => {
      for (let i = 0; i < 50; i++) void sink.send({ data: String(i) })
      sink.close()
    })
    const received = await readStream(stream)
    expect(received.events).toHaveLength(50)
    // The opening comment, then all 50 events together.
    expect(received.chunks).toBe(2)
  })

  it('sseStream() coalesces a producer that awaits each send', async () => {
    const stream = sseStream(async (sink) => {
      for (let i = 0; i < 1000; i++) await sink.send({ data: String(i) })
    })
    const received = await readStream(stream)
    expect(received.events).toHaveLength(1000)
    expect(received.chunks).toBeLessThan(100)
  })

  it('sseStream() sends a lone message on an idle stream as its own chunk', async () => {
    let send: ((data: string) => void) | undefined
    const stream = sseStream((sink) => {
      send = (data) => void sink.send({ data })
    })
    const reader = stream.getReader()
    await reader.read()
    const next = reader.read()
    send?.('lone')
    const chunk = await next
    expect(new TextDecoder().decode(chunk.value)).toBe('data: lone\n\n')
    await reader.cancel()
  })

  it('sseStream() makes send() wait at the high-water mark until the client reads', async () => {
    let accepted = 0
    const payload = 'x'.repeat(1000)
    const stream = sseStream(
      async (sink) => {
        while (await sink.send({ data: payload })) accepted++
      },
      { highWaterMark: 10_000 },
    )
    const reader = stream.getReader()
    await reader.read()
    await sleep(20)
    // The buffer holds at most the high-water mark plus the message that crossed it.
    expect(accepted).toBeGreaterThanOrEqual(9)
    expect(accepted).toBeLessThanOrEqual(11)
    const before = accepted
    await reader.read()
    await sleep(20)
    expect(accepted).toBeGreaterThan(before)
    await reader.cancel()
  })
})

describe('sseStream() sink.ready', () => {
  it('sink.ready turns false at the high-water mark and after close', async () => {
    const seen: boolean[] = []
    let accepted = 0
    const stream = sseStream(
      async (sink) => {
        seen.push(sink.ready)
        // Await only when the buffer is full: no event is lost, memory stays bounded.
        for (let i = 0; i < 100; i++) {
          const sent = sink.send({ data: 'x'.repeat(100) })
          accepted++
          if (!sink.ready && !(await sent)) return
        }
        sink.close()
        seen.push(sink.ready)
      },
      { highWaterMark: 1_000 },
    )
    const reader = stream.getReader()
    await reader.read()
    await sleep(10)
    expect(accepted).toBeLessThan(15)
    await reader.cancel()
    const all = await readStream(
      sseStream(
        async (sink) => {
          for (let i = 0; i < 500; i++) {
            const sent = sink.send({ id: String(i), data: 'y'.repeat(100) })
            if (!sink.ready && !(await sent)) return
          }
        },
        { highWaterMark: 1_000 },
      ),
    )
    expect(all.events.map((event) => event.id)).toEqual(
      Array.from({ length: 500 }, (_, i) => String(i)),
    )
    expect(seen[0]).toBe(true)
  })
})
