import { assertTick } from '@ssekit/testkit'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { describe, expect, test } from 'vitest'
import { createApp } from '../src/create-app.ts'

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
