import { afterEach, describe, expect, it } from 'vitest'
import { events, type RetryInfo } from '../../src/index.ts'
import { script, status } from '../harness/responses.ts'
import { collect } from '../harness/timers.ts'
import { serve, type Upstream } from '../harness/upstream.ts'

let upstream: Upstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

const stop = () => status(204)
// The backoff's random source pinned to the top of its range: each delay is its ceiling.
const ceiling = () => 0.999_999

describe('events() waiting before a reconnect', () => {
  it('events() uses the retry: the server sent last as the base delay', async () => {
    upstream = await serve((_, n) =>
      n === 1
        ? script(['retry: 400\ndata: a\n\n', 'retry: 40\ndata: b\n\n'])
        : n === 2
          ? script(['retry: 6\ndata: c\n\n'])
          : stop(),
    )
    const delays: number[] = []
    const onRetry = (info: RetryInfo) => delays.push(info.delay)
    await collect(
      events(upstream.url, { ...upstream.init, minRetryDelay: 0, random: () => 0.5, onRetry }),
    )
    expect(delays).toEqual([20, 3])
  })

  it('events() backs off exponentially over failures in a row, capped, and resets once a stream delivers', async () => {
    upstream = await serve((_, n) => {
      if (n <= 4) return status(503)
      if (n === 5) return script(['data: delivered\n\n'])
      if (n === 6) return status(500)
      return stop()
    })
    const retries: RetryInfo[] = []
    const got = await collect(
      events(upstream.url, {
        ...upstream.init,
        retryDelay: 4,
        minRetryDelay: 0,
        maxRetryDelay: 20,
        random: ceiling,
        onRetry: (info) => retries.push(info),
      }),
    )
    expect(got.map((e) => e.data)).toEqual(['delivered'])
    expect(retries.map((r) => [r.attempt, r.failures, r.delay])).toEqual([
      [2, 1, 4],
      [3, 2, 8],
      [4, 3, 16],
      [5, 4, 20],
      // The stream delivered: the count starts again.
      [6, 1, 4],
      [7, 2, 8],
    ])
    expect(upstream.requests).toHaveLength(7)
  })

  it('events() spreads the wait over [0, ceiling] with full jitter', async () => {
    upstream = await serve((_, n) => (n <= 2 ? status(500) : stop()))
    const delays: number[] = []
    const randoms = [0, 0.25]
    await collect(
      events(upstream.url, {
        ...upstream.init,
        retryDelay: 100,
        minRetryDelay: 0,
        random: () => randoms.shift() ?? 0,
        onRetry: (info) => delays.push(info.delay),
      }),
    )
    expect(delays).toEqual([0, 50])
  })

  it('events() waits what a 429 Retry-After asks, not its own backoff', async () => {
    upstream = await serve((_, n) =>
      n === 1 ? status(429, { 'retry-after': '1' }) : n === 2 ? script(['data: ok\n\n']) : stop(),
    )
    const delays: number[] = []
    const started = Date.now()
    const got = await collect(
      events(upstream.url, {
        ...upstream.init,
        retryDelay: 1,
        minRetryDelay: 0,
        onRetry: (info) => delays.push(info.delay),
      }),
    )
    expect(got.map((e) => e.data)).toEqual(['ok'])
    expect(delays[0]).toBe(1000)
    expect(Date.now() - started).toBeGreaterThanOrEqual(990)
    expect(upstream.requests).toHaveLength(3)
  })
})
