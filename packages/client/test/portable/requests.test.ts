import { afterEach, describe, expect, it } from 'vitest'
import { events } from '../../src/index.ts'
import { script, status } from '../harness/responses.ts'
import { collect } from '../harness/timers.ts'
import { serve, type Upstream } from '../harness/upstream.ts'

let upstream: Upstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

/** A server that streams one event per request for `streams` requests, then answers 204. */
const twice = async (streams = 2) =>
  serve((_, n) => (n <= streams ? script([`id: ${n}\ndata: ${n}\n\n`]) : status(204)))

describe('events() per-attempt requests', () => {
  it('events() calls headers() once per attempt, so each reconnect carries a fresh token', async () => {
    upstream = await twice()
    const calls: unknown[] = []
    await collect(
      events(upstream.url, {
        ...upstream.init,
        retryDelay: 1,
        minRetryDelay: 0,
        headers: async (attempt) => {
          calls.push(attempt)
          return { authorization: `Bearer token-${attempt.attempt}` }
        },
      }),
    )
    expect(calls).toEqual([
      { attempt: 1, lastEventId: '' },
      { attempt: 2, lastEventId: '1' },
      { attempt: 3, lastEventId: '2' },
    ])
    expect(upstream.requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-3',
    ])
  })

  it('events() re-sends a POST body on every reconnect', async () => {
    upstream = await twice()
    await collect(
      events(upstream.url, {
        ...upstream.init,
        method: 'POST',
        body: '{"prompt":"hi"}',
        headers: { 'content-type': 'application/json' },
        retryDelay: 1,
        minRetryDelay: 0,
      }),
    )
    expect(upstream.requests.map((r) => [r.method, r.body, r.headers.get('content-type')])).toEqual(
      [
        ['POST', '{"prompt":"hi"}', 'application/json'],
        ['POST', '{"prompt":"hi"}', 'application/json'],
        ['POST', '{"prompt":"hi"}', 'application/json'],
      ],
    )
  })

  it('events() calls a body function per attempt', async () => {
    upstream = await twice(1)
    await collect(
      events(upstream.url, {
        ...upstream.init,
        method: 'POST',
        body: ({ attempt, lastEventId }) => JSON.stringify({ attempt, lastEventId }),
        retryDelay: 1,
        minRetryDelay: 0,
      }),
    )
    expect(upstream.requests.map((r) => r.body)).toEqual([
      '{"attempt":1,"lastEventId":""}',
      '{"attempt":2,"lastEventId":"1"}',
    ])
  })

  it('events() sends the same Request input, body and headers included, on every attempt', async () => {
    upstream = await twice()
    const request = new Request(upstream.url, {
      method: 'PUT',
      body: 'payload',
      headers: { 'x-from-request': 'yes', accept: 'text/event-stream, */*' },
    })
    await collect(
      events(request, {
        ...upstream.init,
        retryDelay: 1,
        minRetryDelay: 0,
        headers: { 'x-extra': '1' },
      }),
    )
    expect(upstream.requests).toHaveLength(3)
    for (const seen of upstream.requests) {
      expect([
        seen.method,
        seen.body,
        seen.headers.get('x-from-request'),
        seen.headers.get('x-extra'),
      ]).toEqual(['PUT', 'payload', 'yes', '1'])
      expect(seen.headers.get('accept')).toBe('text/event-stream, */*')
    }
  })

  it('events() sends a ReadableStream body once, then refuses to reconnect with a TypeError', async () => {
    upstream = await twice(1)
    const body = new Blob(['streamed']).stream()
    const stream = events(upstream.url, {
      ...upstream.init,
      method: 'POST',
      body,
      retryDelay: 1,
      minRetryDelay: 0,
    })
    expect((await stream.next()).value?.data).toBe('1')
    await expect(stream.next()).rejects.toThrow(
      new TypeError(
        'Cannot reconnect: `body` is a ReadableStream, which can be sent only once; pass a function that returns a fresh body',
      ),
    )
    expect(upstream.requests.map((r) => r.body)).toEqual(['streamed'])
  })
})
