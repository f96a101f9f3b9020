import { readEvents } from '@ssekit/testkit/event-stream'
import { afterEach, describe, expect, it } from 'vitest'
import { type CloseReason, sseStream } from '../../../src/index.ts'

const realConsoleError = console.error
afterEach(() => {
  console.error = realConsoleError
})

/** Replaces console.error for one test and returns what it was given. */
function captureConsoleError(): unknown[][] {
  const calls: unknown[][] = []
  console.error = (...args: unknown[]) => calls.push(args)
  return calls
}

describe('sseStream() producer errors', () => {
  it('sseStream() closes cleanly with "error" when an async producer throws, sending no error text', async () => {
    const logged = captureConsoleError()
    const reasons: CloseReason[] = []
    const stream = sseStream(
      async (sink) => {
        await sink.send({ data: 'before' })
        throw new Error('database password is hunter2')
      },
      { onClose: (reason) => reasons.push(reason) },
    )
    const received = await readEvents(stream)
    expect(received.events.map((event) => event.data)).toEqual(['before'])
    const allText = JSON.stringify(received)
    expect(allText).not.toContain('hunter2')
    expect(reasons).toEqual(['error'])
    expect(logged).toHaveLength(1)
  })

  it('sseStream() closes cleanly when a producer throws synchronously', async () => {
    captureConsoleError()
    const reasons: CloseReason[] = []
    const stream = sseStream(
      () => {
        throw new TypeError('sync failure')
      },
      { onClose: (reason) => reasons.push(reason) },
    )
    const received = await readEvents(stream)
    expect(received.events).toEqual([])
    expect(reasons).toEqual(['error'])
  })

  it('sseStream() closes cleanly when an async iterable throws', async () => {
    captureConsoleError()
    async function* failing() {
      yield { data: 'one' }
      throw new Error('iterator failed')
    }
    const reasons: CloseReason[] = []
    const received = await readEvents(
      sseStream(failing(), { onClose: (reason) => reasons.push(reason) }),
    )
    expect(received.events.map((event) => event.data)).toEqual(['one'])
    expect(reasons).toEqual(['error'])
  })

  it('sseStream() lets onError turn the error into a final event', async () => {
    const seen: unknown[] = []
    const stream = sseStream(
      async () => {
        throw new RangeError('out of stock')
      },
      {
        onError: (error) => {
          seen.push(error)
          return { event: 'error', data: { code: 'unavailable' } }
        },
      },
    )
    const { events } = await readEvents(stream)
    expect(events).toEqual([{ id: undefined, event: 'error', data: '{"code":"unavailable"}' }])
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeInstanceOf(RangeError)
  })

  it('sseStream() survives an onError that throws or returns an invalid message', async () => {
    const logged = captureConsoleError()
    const throwing = sseStream(
      async () => {
        throw new Error('first')
      },
      {
        onError: () => {
          throw new Error('handler broke')
        },
      },
    )
    const invalid = sseStream(
      async () => {
        throw new Error('second')
      },
      { onError: () => ({ event: 'bad\nname', data: 'x' }) },
    )
    expect((await readEvents(throwing)).events).toEqual([])
    expect((await readEvents(invalid)).events).toEqual([])
    expect(logged).toHaveLength(2)
  })

  it('sseStream() treats a producer rethrowing its abort reason as a normal end', async () => {
    const logged = captureConsoleError()
    const reasons: CloseReason[] = []
    const stream = sseStream(
      async (sink) => {
        await new Promise((resolve) => sink.signal.addEventListener('abort', resolve))
        sink.signal.throwIfAborted()
      },
      { onClose: (reason) => reasons.push(reason) },
    )
    await readEvents(stream, 0)
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(reasons).toEqual(['client'])
    expect(logged).toEqual([])
  })
})
