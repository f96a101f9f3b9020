import { afterEach, describe, expect, it } from 'vitest'
import { events, type RetryInfo, SSEResponseError } from '../../src/index.ts'
import { script, status } from '../harness/responses.ts'
import { isWorkerd } from '../harness/runtime.ts'
import { collect } from '../harness/timers.ts'
import { serve, type Upstream } from '../harness/upstream.ts'

let upstream: Upstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

const stop = () => status(204)

describe('events() reconnecting', () => {
  it('events() reconnects after the server ends the stream, sending Last-Event-ID', async () => {
    upstream = await serve((_, n) =>
      n === 1
        ? script(['retry: 5\nid: a-1\ndata: one\n\nid: a-2\ndata: two\n\n'])
        : n === 2
          ? script(['data: three\n\n'])
          : stop(),
    )
    const got = await collect(events(upstream.url, { ...upstream.init, minRetryDelay: 0 }))
    expect(got.map((e) => `${e.data}@${e.id}`)).toEqual(['one@a-1', 'two@a-2', 'three@a-2'])
    expect(upstream.requests.map((r) => r.headers.get('last-event-id'))).toEqual([
      null,
      'a-2',
      'a-2',
    ])
    expect(upstream.requests[0]?.headers.get('accept')).toBe('text/event-stream')
  })

  it('events() sends a non-ASCII last event ID as its UTF-8 bytes, as the spec says', async () => {
    upstream = await serve((_, n) => (n === 1 ? script(['id: é-1 ✓\ndata: x\n\n']) : stop()))
    await collect(events(upstream.url, { ...upstream.init, retryDelay: 0, minRetryDelay: 0 }))
    const header = upstream.requests[1]?.headers.get('last-event-id') ?? ''
    if (isWorkerd()) {
      // workerd's Headers hold the string itself; its fetch encodes it as UTF-8 on the wire.
      expect(header).toBe('é-1 ✓')
    } else {
      const bytes = Uint8Array.from(header, (char) => char.charCodeAt(0))
      expect(new TextDecoder().decode(bytes)).toBe('é-1 ✓')
    }
  })

  it('events() sends `lastEventId` on the first request', async () => {
    upstream = await serve((_, n) => (n === 1 ? script(['data: x\n\n']) : stop()))
    await collect(
      events(upstream.url, {
        ...upstream.init,
        lastEventId: 'from-before',
        retryDelay: 0,
        minRetryDelay: 0,
      }),
    )
    expect(upstream.requests.map((r) => r.headers.get('last-event-id'))).toEqual([
      'from-before',
      'from-before',
    ])
  })

  it('events() reconnects after a network error mid-stream, from the last event ID', async () => {
    upstream = await serve((_, n) =>
      n === 1
        ? script(['id: 1\ndata: before\n\n', { wait: 50 }, 'network-error'])
        : n === 2
          ? script(['id: 2\ndata: after\n\n'])
          : stop(),
    )
    const retries: RetryInfo[] = []
    const got = await collect(
      events(upstream.url, {
        ...upstream.init,
        retryDelay: 1,
        minRetryDelay: 0,
        onRetry: (info) => retries.push(info),
      }),
    )
    expect(got.map((e) => e.data)).toEqual(['before', 'after'])
    expect(upstream.requests[1]?.headers.get('last-event-id')).toBe('1')
    expect(retries[0]?.error).toBeInstanceOf(Error)
    expect(retries[1]?.error).toBeUndefined()
  })

  it('events() retries 500 then reads the 200', async () => {
    upstream = await serve((_, n) =>
      n === 1 ? status(500) : n === 2 ? script(['data: ok\n\n']) : stop(),
    )
    const errors: unknown[] = []
    const got = await collect(
      events(upstream.url, {
        ...upstream.init,
        retryDelay: 1,
        minRetryDelay: 0,
        onRetry: (info) => errors.push(info.error),
      }),
    )
    expect(got.map((e) => e.data)).toEqual(['ok'])
    expect(upstream.requests).toHaveLength(3)
    expect(errors[0]).toBeInstanceOf(SSEResponseError)
    expect((errors[0] as SSEResponseError).status).toBe(500)
  })

  it('events() retries a 408 too', async () => {
    upstream = await serve((_, n) => (n === 1 ? status(408) : stop()))
    await collect(events(upstream.url, { ...upstream.init, retryDelay: 1, minRetryDelay: 0 }))
    expect(upstream.requests).toHaveLength(2)
  })

  it('events() reconnects when no byte arrives for idleTimeout, and cancels the silent body', async () => {
    upstream = await serve((_, n) =>
      n === 1
        ? script(['id: 9\ndata: then silence\n\n'], { end: false })
        : n === 2
          ? script(['data: back\n\n'])
          : stop(),
    )
    const errors: unknown[] = []
    const got = await collect(
      events(upstream.url, {
        ...upstream.init,
        // Long enough for the first byte to beat it on a loaded machine.
        idleTimeout: 1000,
        retryDelay: 1,
        minRetryDelay: 0,
        onRetry: (info) => errors.push(info.error),
      }),
    )
    expect(got.map((e) => e.data)).toEqual(['then silence', 'back'])
    expect((errors[0] as DOMException).name).toBe('TimeoutError')
    expect(upstream.requests[1]?.headers.get('last-event-id')).toBe('9')
    expect(upstream.cancelled).toBe(1)
  })

  it('events() counts a server that never answers as idle too', async () => {
    upstream = await serve(async (_, n) => {
      if (n === 1) await new Promise((resolve) => setTimeout(resolve, 1000))
      return stop()
    })
    const errors: unknown[] = []
    await collect(
      events(upstream.url, {
        ...upstream.init,
        idleTimeout: 100,
        retryDelay: 1,
        minRetryDelay: 0,
        onRetry: (info) => errors.push(info.error),
      }),
    )
    expect((errors[0] as DOMException).name).toBe('TimeoutError')
    expect(upstream.requests).toHaveLength(2)
  })
})
