import { readEvents, sleep } from '@ssekit/testkit/event-stream'
import { describe, expect, it } from 'vitest'
import { type SSESink, sseStream } from '../../../src/index.ts'

describe('sseStream() flow', () => {
  it('sseStream() coalesces messages that wait for a busy consumer into one chunk', async () => {
    const stream = sseStream((sink) => {
      for (let i = 0; i < 50; i++) void sink.send({ data: String(i) })
      sink.close()
    })
    const received = await readEvents(stream)
    expect(received.events).toHaveLength(50)
    // The opening comment, then all 50 events together.
    expect(received.chunks.length).toBe(2)
  })

  it('sseStream() coalesces a producer that awaits each send', async () => {
    const stream = sseStream(async (sink) => {
      for (let i = 0; i < 1000; i++) await sink.send({ data: String(i) })
    })
    const received = await readEvents(stream)
    expect(received.events).toHaveLength(1000)
    expect(received.chunks.length).toBeLessThan(100)
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
  it('sink.ready turns false at the high-water mark, true once the client reads, false after close', async () => {
    let sink!: SSESink
    const stream = sseStream(
      (s) => {
        sink = s
      },
      { highWaterMark: 1_000 },
    )
    const reader = stream.getReader()
    await reader.read()
    expect(sink.ready).toBe(true)
    // Each event is 108 bytes: the tenth crosses the 1 000-byte mark. The cap stops a `ready`
    // that never turns false.
    let sent = 0
    while (sink.ready && sent < 100) {
      void sink.send({ data: 'x'.repeat(100) })
      sent++
    }
    expect(sent).toBe(10)
    expect(sink.ready).toBe(false)
    const chunk = await reader.read()
    expect(chunk.value?.length).toBe(1_080)
    expect(sink.ready).toBe(true)
    sink.close()
    expect(sink.ready).toBe(false)
    await reader.cancel()
  })

  it('a producer that awaits send() only when sink.ready is false loses nothing', async () => {
    const all = await readEvents(
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
  })
})
