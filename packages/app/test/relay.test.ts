import { assertTick } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createApp } from '../src/create-app.ts'
import { RelayIds } from '../src/relay-ids.ts'

describe('RelayIds', () => {
  test('RelayIds counts on exactly from any ID it could have issued', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 200n }), (last) => {
        const ids = new RelayIds(last.toString())
        expect(ids.unreadable).toBeUndefined()
        expect([ids.next(), ids.next()]).toEqual([(last + 1n).toString(), (last + 2n).toString()])
      }),
    )
  })

  test.each(['Infinity', 'NaN', '-0', '+1', ' 1', '1 ', '01', '1e21', '0b1', '١٢'])(
    'RelayIds(%j) is unreadable and starts at 1',
    (lastId) => {
      const ids = new RelayIds(lastId)
      expect(ids.unreadable).toBe(lastId)
      expect(ids.next()).toBe('1')
    },
  )
})

describe('the relay route', () => {
  test('GET /relay relays the ticker with `event: tick` and an id per tick', async () => {
    const app = createApp()
    const response = await app.request('/relay?interval=50', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('content-encoding')).toBeNull()
    const stream = readEventStream(response, { timeoutMs: 5000 })
    const ticks = await stream.waitForEvents(3)
    await stream.cancel()
    expect(ticks.slice(0, 3).map((tick) => [tick.event, tick.id])).toEqual([
      ['tick', '1'],
      ['tick', '2'],
      ['tick', '3'],
    ])
    for (const tick of ticks) assertTick(tick.data)
  })

  test('GET /relay counts on from Last-Event-ID', async () => {
    const app = createApp()
    const response = await app.request('/relay?interval=50', { headers: { 'last-event-id': '41' } })
    const stream = readEventStream(response, { timeoutMs: 5000 })
    const [first] = await stream.waitForEvents(1)
    await stream.cancel()
    expect(first?.id).toBe('42')
  })

  test('GET /relay: when the client leaves, the upstream ticker stops too', async () => {
    const app = createApp()
    const stats = async () =>
      (await app.request('/stats')).json() as Promise<{ open: number; ticks: number }>
    const client = new AbortController()
    const response = await app.request('/relay?interval=50', { signal: client.signal })
    const stream = readEventStream(response, { timeoutMs: 5000 })
    await stream.waitForEvents(2)
    // The relay's stream and the ticker stream it reads.
    expect((await stats()).open).toBe(2)
    client.abort()
    await stream.cancel()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const after = await stats()
    expect(after.open).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await stats()).toEqual(after)
  })

  test('GET /relay: a client that leaves after the gap event stops the upstream ticker at once', async () => {
    const app = createApp()
    const response = await app.request('/relay?interval=60000', {
      headers: { 'last-event-id': 'Infinity' },
    })
    const stream = readEventStream(response, { timeoutMs: 5000 })
    const [gap] = await stream.waitForEvents(1)
    expect(gap).toMatchObject({ event: 'ssekit-gap', data: '{"lastEventId":"Infinity"}' })
    expect((await (await app.request('/stats')).json()).open).toBe(2)
    // Only the body's cancel: the request's signal never aborts, as where a runtime cancels the
    // body alone, so the relay's own return() must reach the ticker.
    await stream.cancel()
    // The next tick is a minute away: only a cancel that reaches the ticker closes it now.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await (await app.request('/stats')).json()).open).toBe(0)
  })

  test('GET /relay answers 400 naming `interval` for a bad one, and HEAD with headers alone', async () => {
    const app = createApp()
    const bad = await app.request('/relay?interval=abc')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('`interval`')
    const head = await app.request('/relay', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect((await (await app.request('/stats')).json()).open).toBe(0)
  })
})
