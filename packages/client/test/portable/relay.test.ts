import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterEach, describe, expect, it } from 'vitest'
import { events, type ServerEvent, SSEResponseError } from '../../src/index.ts'
import { relay } from '../../src/relay/index.ts'
import { script, status } from '../harness/responses.ts'
import { until } from '../harness/timers.ts'
import { serve, type Upstream } from '../harness/upstream.ts'

let upstream: Upstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

// Every trick an upstream might try on a relay that copies bytes or formats by hand.
const HOSTILE = [
  'retry: 1\n',
  ': a comment for nobody\n',
  'data: hello\ndata: event: admin\ndata: \ndata: id: 666\ndata: retry: 1\n\n',
  'event: tick\rdata: cr-ended\r\r',
  'id: 42\ndata: {"x":1}\n\n',
]

describe('relay()', () => {
  it('relay() re-encodes every upstream event: no field, event or retry can be injected', async () => {
    upstream = await serve(() => script(HOSTILE))
    const signal = new AbortController().signal
    const response = relay(events(upstream.url, { ...upstream.init, signal }), { signal })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const stream = readEventStream(response, { timeoutMs: 5000 })
    await stream.waitForEvents(3)
    await stream.cancel()
    expect(stream.events).toEqual([
      { event: undefined, id: undefined, data: 'hello\nevent: admin\n\nid: 666\nretry: 1' },
      { event: 'tick', id: undefined, data: 'cr-ended' },
      { event: undefined, id: '42', data: '{"x":1}' },
    ])
    expect(stream.retries).toEqual([])
    expect(stream.comments).toEqual([''])
  })

  it('relay() maps and filters with transform', async () => {
    upstream = await serve(() =>
      script(['event: a\ndata: 1\n\n', 'event: b\ndata: 2\n\n', 'event: a\ndata: 3\n\n']),
    )
    const response = relay(events(upstream.url, { ...upstream.init, idleTimeout: false }), {
      transform: (e: ServerEvent) =>
        e.event === 'a' ? { event: 'kept', data: { n: Number(e.data) } } : null,
    })
    const stream = readEventStream(response, { timeoutMs: 5000 })
    await stream.waitForEvents(2)
    await stream.cancel()
    expect(stream.events.map((e) => [e.event, e.data])).toEqual([
      ['kept', '{"n":1}'],
      ['kept', '{"n":3}'],
    ])
  })

  it('relay() aborts the upstream request at once when our client leaves', async () => {
    upstream = await serve(() => script(['data: 1\n\n'], { end: false }))
    const client = new AbortController()
    const closes: string[] = []
    // Only the relay gets the signal: it alone must stop the upstream.
    const response = relay(events(upstream.url, upstream.init), {
      signal: client.signal,
      heartbeat: false,
      onClose: (reason) => closes.push(reason),
    })
    const stream = readEventStream(response, { timeoutMs: 5000 })
    await stream.waitForEvents(1)
    expect(upstream.open).toBe(1)
    // Leaves as a runtime reports it: the request's signal aborts and the body is cancelled.
    client.abort()
    await stream.cancel()
    const server = upstream
    await until(() => server.open === 0, 'the upstream body to be cancelled')
    expect(upstream.cancelled).toBe(1)
    expect(closes).toEqual(['client'])
    expect(upstream.requests).toHaveLength(1)
  })

  it('relay() aborts the upstream when our body is cancelled, with no signal passed', async () => {
    upstream = await serve(() => script(['data: 1\n\n'], { end: false }))
    const stream = readEventStream(relay(events(upstream.url, upstream.init), { heartbeat: false }))
    await stream.waitForEvents(1)
    await stream.cancel()
    const server = upstream
    await until(
      () => server.cancelled === 1 && server.open === 0,
      'the upstream body to be cancelled',
    )
  })

  it('relay() sends its own heartbeats while the upstream is quiet', async () => {
    upstream = await serve(() => script([':\n\n'], { end: false }))
    const stream = readEventStream(relay(events(upstream.url, upstream.init), { heartbeat: 30 }), {
      timeoutMs: 5000,
    })
    await stream.waitUntil(() => stream.comments.length >= 3, 'three heartbeats')
    await stream.cancel()
  })

  it('relay() relays a single upstream Response and ends with it', async () => {
    const response = relay(script(['id: 1\ndata: a\n\n', 'data: b\n\n']))
    const stream = await readEventStream(response, { timeoutMs: 5000 }).readToEnd()
    expect(stream.events.map((e) => [e.id, e.data])).toEqual([
      ['1', 'a'],
      [undefined, 'b'],
    ])
  })

  it('relay() throws SSEResponseError for an upstream Response that is not an event stream', () => {
    expect(() => relay(status(401))).toThrow(SSEResponseError)
    expect(() => relay(status(502))).toThrow(SSEResponseError)
    expect(() => relay(status(200, { 'content-type': 'text/html' }, '<p>'))).toThrow(
      SSEResponseError,
    )
    expect(relay(status(204)).status).toBe(204)
  })
})
