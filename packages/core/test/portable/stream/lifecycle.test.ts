import { type LeakTracker, readEvents, sleep, trackLeaks } from '@ssekit/testkit/event-stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CloseReason, type SSESink, sseStream } from '../../../src/index.ts'

let leaks: LeakTracker
beforeEach(() => {
  leaks = trackLeaks()
})
afterEach(() => {
  leaks.restore()
})

/** A producer that sends until its signal aborts, and records what it saw. */
function endlessProducer(state: { sent: number; aborted?: unknown }) {
  return async (sink: SSESink) => {
    while (await sink.send({ data: String(state.sent) })) {
      state.sent++
      await sleep(1)
    }
    state.aborted = sink.signal.reason
  }
}

function closeRecorder() {
  const reasons: CloseReason[] = []
  return { reasons, onClose: (reason: CloseReason) => reasons.push(reason) }
}

async function expectNothingLeft(): Promise<void> {
  await sleep(5)
  expect(leaks.liveIntervals).toBe(0)
  expect(leaks.liveListeners).toBe(0)
}

describe('sseStream() lifecycle', () => {
  it('sseStream() stops on request.signal abort and calls onClose once with "client"', async () => {
    const controller = leaks.trackedController()
    const closes = closeRecorder()
    const state = { sent: 0 } as { sent: number; aborted?: unknown }
    const stream = sseStream(endlessProducer(state), { signal: controller.signal, ...closes })
    const reader = stream.getReader()
    await reader.read()
    await reader.read()
    expect(leaks.liveListeners).toBe(1)
    controller.abort()
    await sleep(10)
    expect(closes.reasons).toEqual(['client'])
    expect(state.aborted).toBe('client')
    await expectNothingLeft()
  })

  it('sseStream() settles a read in flight when request.signal aborts', async () => {
    const controller = new AbortController()
    const stream = sseStream(() => {}, { signal: controller.signal })
    const reader = stream.getReader()
    await reader.read()
    const inFlight = reader.read()
    controller.abort()
    await expect(inFlight).resolves.toEqual({ done: true, value: undefined })
  })

  it('sseStream() stops on stream cancel() and calls onClose once with "client"', async () => {
    const closes = closeRecorder()
    const state = { sent: 0 } as { sent: number; aborted?: unknown }
    const controller = leaks.trackedController()
    const stream = sseStream(endlessProducer(state), { signal: controller.signal, ...closes })
    await readEvents(stream, 3)
    await sleep(10)
    const sentAtClose = state.sent
    await sleep(20)
    expect(closes.reasons).toEqual(['client'])
    expect(state.sent).toBe(sentAtClose)
    controller.abort()
    expect(closes.reasons).toEqual(['client'])
    await expectNothingLeft()
  })

  it('sseStream() stops when a write fails and calls onClose once with "client"', async () => {
    const closes = closeRecorder()
    const state = { sent: 0 } as { sent: number; aborted?: unknown }
    const stream = sseStream(endlessProducer(state), closes)
    const reader = stream.getReader()
    await reader.read()
    // What workerd does when the client vanished: the next enqueue throws.
    const prototype = Object.getPrototypeOf(
      (await captureController()) as object,
    ) as ReadableStreamDefaultController
    const realEnqueue = prototype.enqueue
    prototype.enqueue = () => {
      throw new TypeError('Network connection lost')
    }
    try {
      const pending = reader.read()
      await sleep(20)
      expect(closes.reasons).toEqual(['client'])
      expect(state.aborted).toBe('client')
      reader.releaseLock()
      void pending.catch(() => {})
    } finally {
      prototype.enqueue = realEnqueue
    }
    await expectNothingLeft()
  })

  it('sseStream() ends with "producer" when the source finishes, after every event', async () => {
    const closes = closeRecorder()
    const stream = sseStream(async (sink) => {
      for (let i = 0; i < 100; i++) void sink.send({ id: String(i), data: `event ${i}` })
    }, closes)
    const { events } = await readEvents(stream)
    expect(events.map((event) => event.id)).toEqual(
      Array.from({ length: 100 }, (_, i) => String(i)),
    )
    expect(closes.reasons).toEqual(['producer'])
    await expectNothingLeft()
  })

  it('sseStream() takes an async iterable and ends with "producer"', async () => {
    const closes = closeRecorder()
    async function* three() {
      yield { event: 'n', data: 1 }
      yield { event: 'n', data: 2 }
      yield { event: 'n', data: 3 }
    }
    const { events } = await readEvents(sseStream(three(), closes))
    expect(events.map((event) => [event.event, event.data])).toEqual([
      ['n', '1'],
      ['n', '2'],
      ['n', '3'],
    ])
    expect(closes.reasons).toEqual(['producer'])
  })

  it('sseStream() returns an async iterable to its end when the client leaves', async () => {
    let finalized = false
    async function* endless() {
      try {
        for (let i = 0; ; i++) {
          yield { data: String(i) }
          await sleep(1)
        }
      } finally {
        finalized = true
      }
    }
    await readEvents(sseStream(endless()), 3)
    await sleep(20)
    expect(finalized).toBe(true)
    await expectNothingLeft()
  })

  it('sseStream() ends with "server" on sink.close() and still sends what was queued', async () => {
    const closes = closeRecorder()
    const stream = sseStream((sink) => {
      void sink.send({ data: 'last words' })
      sink.close()
    }, closes)
    const { events } = await readEvents(stream)
    expect(events.map((event) => event.data)).toEqual(['last words'])
    expect(closes.reasons).toEqual(['server'])
    await expectNothingLeft()
  })

  it('sseStream() keeps a listener-style producer open until the client leaves', async () => {
    const closes = closeRecorder()
    let tick: (() => void) | undefined
    const stream = sseStream((sink) => {
      tick = () => void sink.send({ data: 'tick' })
    }, closes)
    const reading = readEvents(stream, 2)
    tick?.()
    await sleep(5)
    tick?.()
    const { events } = await reading
    expect(events).toHaveLength(2)
    expect(closes.reasons).toEqual(['client'])
  })

  it('sseStream() resolves send() false after close, never rejecting', async () => {
    let sink: SSESink | undefined
    const stream = sseStream((s) => {
      sink = s
    })
    await stream.cancel()
    await expect(sink?.send({ data: 'late' })).resolves.toBe(false)
    await expect(sink?.comment('late')).resolves.toBe(false)
    expect(sink?.signal.aborted).toBe(true)
  })

  it('sseStream() throws a bad message to send()’s caller and keeps the stream open', async () => {
    const stream = sseStream(async (sink) => {
      expect(() => sink.send({ event: 'a\nb', data: 'x' })).toThrow(SyntaxError)
      expect(() => sink.send({ retry: -1 })).toThrow(RangeError)
      await sink.send({ data: 'still open' })
    })
    const { events } = await readEvents(stream)
    expect(events.map((event) => event.data)).toEqual(['still open'])
  })

  it('sseStream() sink methods work when destructured, and keep their identity', async () => {
    let same = false
    const stream = sseStream((sink) => {
      const { send, comment, close } = sink
      same = sink.send === send && sink.close === close
      void comment('hello')
      void send({ data: 'one' })
      close()
    })
    const { events, comments } = await readEvents(stream)
    expect(events.map((event) => event.data)).toEqual(['one'])
    expect(comments).toEqual(['', 'hello'])
    expect(same).toBe(true)
  })

  it('sseStream() sink.signal read only after the close is already aborted with the reason', async () => {
    let sink: SSESink | undefined
    const stream = sseStream((s) => {
      sink = s
      s.close()
    })
    await readEvents(stream)
    expect(sink?.signal.aborted).toBe(true)
    expect(sink?.signal.reason).toBe('server')
  })
})

// Any stream's controller shares the prototype of ours.
function captureController(): Promise<ReadableStreamDefaultController> {
  return new Promise((resolve) => {
    new ReadableStream({ start: (controller) => resolve(controller) })
  })
}
