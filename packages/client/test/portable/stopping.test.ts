import { afterEach, describe, expect, it } from 'vitest'
import { events } from '../../src/index.ts'
import { script, status } from '../harness/responses.ts'
import { collect, type TimerTracker, trackTimers, until } from '../harness/timers.ts'
import { serve, type Upstream } from '../harness/upstream.ts'

let upstream: Upstream | undefined
let timers: TimerTracker | undefined
afterEach(async () => {
  timers?.restore()
  timers = undefined
  await upstream?.close()
  upstream = undefined
})

// Delays no runtime uses on its own, so the tracker counts only the client's timers.
const IDLE = 43_217
const BACKOFF_BASE = 86_434

describe('events() stopping', () => {
  it('events() ends quietly, without reconnecting, when the server answers 204', async () => {
    upstream = await serve(() => status(204))
    const got = await collect(events(upstream.url, upstream.init))
    expect(got).toEqual([])
    expect(upstream.requests).toHaveLength(1)
  })

  it('events() ends quietly on a 204 after a stream, having reconnected once', async () => {
    upstream = await serve((_, n) => (n === 1 ? script(['data: a\n\n']) : status(204)))
    const got = await collect(
      events(upstream.url, { ...upstream.init, retryDelay: 1, minRetryDelay: 0 }),
    )
    expect(got.map((e) => e.data)).toEqual(['a'])
    expect(upstream.requests).toHaveLength(2)
  })

  it('`break` aborts the fetch, cancels the body and leaves no timer', async () => {
    timers = trackTimers([IDLE])
    upstream = await serve(() => script(['data: 1\n\n', 'data: 2\n\n'], { end: false }))
    for await (const e of events(upstream.url, { ...upstream.init, idleTimeout: IDLE })) {
      if (e.data === '2') break
    }
    expect(timers.created).toBeGreaterThan(0)
    expect(timers.live()).toBe(0)
    const server = upstream
    await until(() => server.cancelled === 1 && server.open === 0, 'the body to be cancelled')
    expect(upstream.requests).toHaveLength(1)
  })

  it('events() ends quietly when the signal aborts mid-stream, cancelling the body', async () => {
    timers = trackTimers([IDLE])
    upstream = await serve(() => script(['data: 1\n\n'], { end: false }))
    const abort = new AbortController()
    const stream = events(upstream.url, {
      ...upstream.init,
      signal: abort.signal,
      idleTimeout: IDLE,
    })
    const first = await stream.next()
    expect(first.value?.data).toBe('1')
    const pending = stream.next()
    abort.abort()
    await expect(pending).resolves.toEqual({ done: true, value: undefined })
    const server = upstream
    await until(() => server.cancelled === 1, 'the body to be cancelled')
    expect(timers.live()).toBe(0)
  })

  it('events() ends quietly when the signal aborts during the backoff wait, leaving no timer', async () => {
    timers = trackTimers([IDLE, BACKOFF_BASE / 2])
    upstream = await serve(() => status(503))
    const abort = new AbortController()
    const stream = events(upstream.url, {
      ...upstream.init,
      signal: abort.signal,
      idleTimeout: IDLE,
      retryDelay: BACKOFF_BASE,
      random: () => 0.5,
      onRetry: () => queueMicrotask(() => abort.abort()),
    })
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined })
    expect(timers.live()).toBe(0)
    expect(upstream.requests).toHaveLength(1)
  })

  it('events() makes no request when the signal has already aborted', async () => {
    upstream = await serve(() => script(['data: 1\n\n']))
    const got = await collect(
      events(upstream.url, { ...upstream.init, signal: AbortSignal.abort() }),
    )
    expect(got).toEqual([])
    expect(upstream.requests).toHaveLength(0)
  })

  it('events() stops with the error onRetry throws', async () => {
    upstream = await serve(() => status(500))
    const stream = events(upstream.url, {
      ...upstream.init,
      retryDelay: 1,
      minRetryDelay: 0,
      onRetry: ({ failures }) => {
        if (failures === 3) throw new Error('gave up')
      },
    })
    await expect(stream.next()).rejects.toThrow('gave up')
    expect(upstream.requests).toHaveLength(3)
  })

  it('events() stops a custom fetch that never answers when the loop returns', async () => {
    let aborted: unknown
    const stream = events('http://unused.test/', {
      fetch: (request) => {
        request.signal.addEventListener('abort', () => {
          aborted = request.signal.reason
        })
        return new Promise<Response>(() => {})
      },
    })
    const pending = stream.next()
    await new Promise((resolve) => setTimeout(resolve, 20))
    await stream.return()
    await expect(pending).resolves.toEqual({ done: true, value: undefined })
    expect(aborted).toBeDefined()
  })
})
