import { type CloseReason, EXPIRED_EVENT } from '@ssekit/core'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterEach, describe, expect, it } from 'vitest'
import { events } from '../../src/index.ts'
import { relay } from '../../src/relay/index.ts'
import { script } from '../harness/responses.ts'
import { until } from '../harness/timers.ts'
import { serve, type Upstream } from '../harness/upstream.ts'

let upstream: Upstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

const EXPIRED = 'retry: 0\nevent: ssekit-expired\ndata: {"reason":"checkCredentials"}\n\n'
const forwarded = [
  [undefined, '1', 'a'],
  [EXPIRED_EVENT, undefined, '{"reason":"checkCredentials"}'],
]

describe('relay() and credentials that expire', () => {
  it('relay() passes on the expiry of an upstream Response: same event, `retry: 0`, then the end', async () => {
    const response = relay(script(['id: 1\ndata: a\n\n', EXPIRED, 'data: never\n\n']))
    const stream = await readEventStream(response, { timeoutMs: 5000 }).readToEnd()
    expect(stream.events.map((e) => [e.event, e.id, e.data])).toEqual(forwarded)
    expect(stream.retries).toEqual([0])
  })

  it('relay() with `forwardExpiry` ends our stream on the upstream expiry, without reconnecting upstream', async () => {
    upstream = await serve(() => script(['id: 1\ndata: a\n\n', EXPIRED], { end: false }))
    const response = relay(events(upstream.url, upstream.init), { forwardExpiry: true })
    const stream = await readEventStream(response, { timeoutMs: 5000 }).readToEnd()
    expect(stream.events.map((e) => [e.event, e.id, e.data])).toEqual(forwarded)
    expect(stream.retries).toEqual([0])
    expect(upstream.requests).toHaveLength(1)
    const server = upstream
    await until(() => server.open === 0, 'the upstream body to be cancelled')
  })

  it('relay() without `forwardExpiry` lets events() reconnect upstream at once: our client sees no expiry', async () => {
    upstream = await serve((_, n) =>
      script(n === 1 ? ['id: 1\ndata: a\n\n', EXPIRED] : ['id: 2\ndata: b\n\n'], { end: false }),
    )
    const response = relay(events(upstream.url, { ...upstream.init, retryDelay: 600_000 }), {
      heartbeat: false,
    })
    const stream = readEventStream(response, { timeoutMs: 5000 })
    await stream.waitForEvents(2)
    await stream.cancel()
    expect(stream.events.map((e) => [e.id, e.data])).toEqual([
      ['1', 'a'],
      ['2', 'b'],
    ])
    expect(upstream.requests[1]?.headers.get('last-event-id')).toBe('1')
  })

  it('relay() ends our stream at its own `expiresAt`, with the expired event, and stops the upstream', async () => {
    upstream = await serve(() => script(['id: 1\ndata: a\n\n'], { end: false }))
    const closes: CloseReason[] = []
    // Time enough for the upstream's first event on a loaded CI machine: it must come before.
    const response = relay(events(upstream.url, upstream.init), {
      expiresAt: Date.now() + 1500,
      onClose: (reason) => closes.push(reason),
    })
    const stream = await readEventStream(response, { timeoutMs: 5000 }).readToEnd()
    expect(stream.events.map((e) => [e.event, e.data])).toEqual([
      [undefined, 'a'],
      [EXPIRED_EVENT, '{"reason":"expiresAt"}'],
    ])
    expect(closes).toEqual(['expired'])
    const server = upstream
    await until(() => server.open === 0, 'the upstream body to be cancelled')
  })
})
