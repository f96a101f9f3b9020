import { EXPIRED_EVENT as CORE_EXPIRED_EVENT } from '@ssekit/core'
import { afterEach, describe, expect, it } from 'vitest'
import { EXPIRED_EVENT } from '../../src/event-queue.ts'
import { events, type RetryInfo, SSEResponseError } from '../../src/index.ts'
import { script, status } from '../harness/responses.ts'
import { collect, until } from '../harness/timers.ts'
import { serve, type Upstream } from '../harness/upstream.ts'

let upstream: Upstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

// What an ssekit server sends when the credentials a stream was opened with expire.
const EXPIRED = 'retry: 0\nevent: ssekit-expired\ndata: {"reason":"expiresAt"}\n\n'
// Waits no test could sit through: a reconnect that waited for one would time the test out.
const LONG = { retryDelay: 600_000, maxRetryDelay: 600_000, random: () => 1 }

describe('events() and credentials that expire', () => {
  it('EXPIRED_EVENT is the name @ssekit/core sends', () => {
    expect(EXPIRED_EVENT).toBe(CORE_EXPIRED_EVENT)
  })

  it('events() reconnects at once after the expired event, with fresh headers and Last-Event-ID', async () => {
    upstream = await serve((_, n) =>
      n === 1
        ? script(['id: 1\ndata: a\n\nid: 2\ndata: b\n\n', EXPIRED], { end: false })
        : script(['id: 3\ndata: c\n\n'], { end: false }),
    )
    const retries: RetryInfo[] = []
    let token = 0
    const stream = events(upstream.url, {
      ...upstream.init,
      ...LONG,
      headers: () => ({ authorization: `Bearer token-${++token}` }),
      onRetry: (info) => void retries.push(info),
    })
    const got = [
      (await stream.next()).value,
      (await stream.next()).value,
      (await stream.next()).value,
    ]
    expect(got.map((e) => [e?.id, e?.data])).toEqual([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
    ])
    // The server keeps both bodies open: the client closed the expired one itself.
    const server = upstream
    await until(() => server.cancelled === 1 && server.open === 1, 'the expired body cancelled')
    const seen = upstream.requests.map((r) => [
      r.headers.get('authorization'),
      r.headers.get('last-event-id'),
    ])
    expect(seen).toEqual([
      ['Bearer token-1', null],
      ['Bearer token-2', '2'],
    ])
    expect(retries).toEqual([
      { attempt: 2, failures: 1, delay: 0, error: undefined, expired: true },
    ])
    await stream.return()
  })

  it("events() keeps its backoff: the expired event's `retry: 0` is for EventSource alone", async () => {
    upstream = await serve((_, n) =>
      n === 1 ? script(['retry: 7000\n\ndata: a\n\n', EXPIRED]) : script(['data: b\n\n']),
    )
    const delays: number[] = []
    const stream = events(upstream.url, {
      ...upstream.init,
      random: () => 1,
      onRetry: ({ delay, failures }) => {
        delays.push(delay)
        if (failures === 1 && delays.length === 2) throw new Error('seen enough')
      },
    })
    await expect(collect(stream)).rejects.toThrow('seen enough')
    // The second stream ended: its wait is the server's `retry: 7000`, not the hint's 0.
    expect(delays).toEqual([0, 7000])
  })

  it('events() backs off when new streams keep expiring before any event', async () => {
    upstream = await serve(() => script([EXPIRED]))
    const retries: RetryInfo[] = []
    const stream = events(upstream.url, {
      ...upstream.init,
      retryDelay: 40,
      minRetryDelay: 20,
      random: () => 1,
      onRetry: (info) => {
        retries.push(info)
        if (info.failures === 3) throw new Error('still expired')
      },
    })
    await expect(collect(stream)).rejects.toThrow('still expired')
    // Once at once, then the backoff: base × 2^(failures - 1).
    expect(retries.map((r) => [r.expired, r.delay])).toEqual([
      [true, 0],
      [true, 80],
      [true, 160],
    ])
  })

  it('events() ends with SSEResponseError when the server refuses the refreshed credentials', async () => {
    upstream = await serve((_, n) =>
      n === 1 ? script(['id: 1\ndata: a\n\n', EXPIRED]) : status(401),
    )
    const stream = events(upstream.url, { ...upstream.init, ...LONG })
    expect((await stream.next()).value?.data).toBe('a')
    const refused = await stream.next().catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(SSEResponseError)
    expect((refused as SSEResponseError).status).toBe(401)
    expect(await stream.next()).toEqual({ done: true, value: undefined })
    expect(upstream.requests).toHaveLength(2)
  })

  it('events() ends with the error headers() throws when the refresh fails', async () => {
    upstream = await serve(() => script(['id: 1\ndata: a\n\n', EXPIRED]))
    const stream = events(upstream.url, {
      ...upstream.init,
      ...LONG,
      headers: ({ attempt }) => {
        if (attempt > 1) throw new TypeError('the session is over')
        return {}
      },
    })
    expect((await stream.next()).value?.data).toBe('a')
    await expect(stream.next()).rejects.toThrow('the session is over')
    expect(upstream.requests).toHaveLength(1)
  })
})
