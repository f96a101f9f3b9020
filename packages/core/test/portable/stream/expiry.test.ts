import { readEventStream, sleep } from '@ssekit/testkit/event-stream'
import { describe, expect, it } from 'vitest'
import { type CloseReason, EXPIRED_EVENT, type SSESink, sseResponse } from '../../../src/index.ts'

function closeRecorder() {
  const reasons: CloseReason[] = []
  return { reasons, onClose: (reason: CloseReason) => reasons.push(reason) }
}

describe('sseStream() credentials that expire', () => {
  it('`expiresAt` ends the stream after what waits, with the expired event and `retry: 0`', async () => {
    const closes = closeRecorder()
    let producerSaw: unknown
    const response = sseResponse(
      async (sink: SSESink) => {
        await sink.send({ id: '1', data: 'one' })
        await sink.send({ id: '2', data: 'two' })
        await new Promise((resolve) => sink.signal.addEventListener('abort', resolve))
        producerSaw = sink.signal.reason
      },
      { expiresAt: Date.now() + 50, heartbeat: false, ...closes },
    )
    const stream = await readEventStream(response, { timeoutMs: 5000 }).readToEnd()
    expect(stream.events).toEqual([
      { event: undefined, id: '1', data: 'one' },
      { event: undefined, id: '2', data: 'two' },
      { event: EXPIRED_EVENT, id: undefined, data: '{"reason":"expiresAt"}' },
    ])
    expect(stream.retries).toEqual([0])
    expect(closes.reasons).toEqual(['expired'])
    await sleep(1)
    expect(producerSaw).toBe('expired')
  })

  it('`expiresAt` takes a Date, and one already past ends the stream as it opens', async () => {
    const closes = closeRecorder()
    const response = sseResponse(() => {}, { expiresAt: new Date(Date.now() - 1000), ...closes })
    const stream = await readEventStream(response, { timeoutMs: 5000 }).readToEnd()
    expect(stream.events.map((event) => event.event)).toEqual([EXPIRED_EVENT])
    expect(closes.reasons).toEqual(['expired'])
  })

  it('`expiresAt` beyond the longest timer delay (2^31 - 1 ms) arms one timer and waits', async () => {
    const closes = closeRecorder()
    const client = new AbortController()
    const delays: (number | undefined)[] = []
    const { setTimeout: realSetTimeout } = globalThis
    globalThis.setTimeout = ((handler: () => void, ms?: number) => {
      delays.push(ms)
      return realSetTimeout(handler, ms)
    }) as typeof setTimeout
    try {
      const response = sseResponse(() => {}, {
        signal: client.signal,
        heartbeat: false,
        expiresAt: Date.now() + 2 ** 31 + 5_000,
        ...closes,
      })
      const stream = readEventStream(response, { timeoutMs: 5000 })
      await stream.readChunk()
      // An unclamped delay fires after 1 ms on every runtime, again and again.
      await sleep(50)
      expect(closes.reasons).toEqual([])
      client.abort()
      await stream.cancel()
    } finally {
      globalThis.setTimeout = realSetTimeout
    }
    expect(closes.reasons).toEqual(['client'])
    expect(delays.filter((ms) => ms !== undefined && ms > 60_000)).toEqual([2 ** 31 - 1])
  })

  it('`checkCredentials` is asked on each heartbeat, and a `false` ends the stream', async () => {
    const closes = closeRecorder()
    let asked = 0
    const response = sseResponse(() => {}, {
      heartbeat: 20,
      checkCredentials: () => ++asked < 3,
      ...closes,
    })
    const stream = await readEventStream(response, { timeoutMs: 5000 }).readToEnd()
    expect(asked).toBe(3)
    expect(stream.events).toEqual([
      { event: EXPIRED_EVENT, id: undefined, data: '{"reason":"checkCredentials"}' },
    ])
    expect(stream.retries).toEqual([0])
    expect(closes.reasons).toEqual(['expired'])
  })

  it('`checkCredentials` may answer later; a rejection or a throw ends the stream too', async () => {
    const answers = [
      () => Promise.resolve(false),
      () => Promise.reject(new Error('the session store is down')),
      () => {
        throw new Error('bad token')
      },
    ]
    const logged: unknown[] = []
    const { error } = console
    console.error = (...args: unknown[]) => void logged.push(args[0])
    try {
      for (const checkCredentials of answers) {
        const closes = closeRecorder()
        const response = sseResponse(() => {}, { heartbeat: 10, checkCredentials, ...closes })
        const stream = await readEventStream(response, { timeoutMs: 5000 }).readToEnd()
        expect(stream.events.map((event) => event.event)).toEqual([EXPIRED_EVENT])
        expect(closes.reasons).toEqual(['expired'])
      }
    } finally {
      console.error = error
    }
    expect(logged).toHaveLength(2)
  })

  it('a stream whose credentials hold runs on, and its client may still leave', async () => {
    const closes = closeRecorder()
    const client = new AbortController()
    let asked = 0
    const response = sseResponse(() => {}, {
      signal: client.signal,
      heartbeat: 10,
      expiresAt: Date.now() + 60_000,
      checkCredentials: async () => {
        asked++
        return true
      },
      ...closes,
    })
    const stream = readEventStream(response, { timeoutMs: 5000 })
    await stream.waitUntil(() => asked >= 3, 'three checks')
    expect(stream.events).toEqual([])
    client.abort()
    await stream.cancel()
    expect(closes.reasons).toEqual(['client'])
    const after = asked
    await sleep(50)
    expect(asked).toBe(after)
  })

  it('sseResponse() throws a typed error naming a bad expiry option', () => {
    const open = (options: object) => () => sseResponse(() => {}, options)
    expect(open({ expiresAt: '2030-01-01' })).toThrow(TypeError)
    expect(open({ expiresAt: '2030-01-01' })).toThrow('`expiresAt`')
    expect(open({ expiresAt: Number.NaN })).toThrow(RangeError)
    expect(open({ expiresAt: new Date('not a date') })).toThrow(RangeError)
    expect(open({ checkCredentials: true })).toThrow(TypeError)
    expect(open({ checkCredentials: () => true, heartbeat: false })).toThrow(
      'option `checkCredentials` runs on each heartbeat, so `heartbeat` cannot be false',
    )
  })
})
