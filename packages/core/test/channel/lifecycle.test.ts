import { getEventListeners } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type CloseReason, createChannel } from '../../src/index.ts'
import { connect, eventsRequest } from './client.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('Channel lifecycle', () => {
  it('unsubscribes at once when the client cancels, leaving no timer', async () => {
    vi.useFakeTimers()
    const channel = createChannel()
    const clients = Array.from({ length: 20 }, () => connect(channel.subscribe(eventsRequest())))
    // One heartbeat interval per subscriber, from the connection.
    expect(vi.getTimerCount()).toBe(20)
    for (const [i, client] of clients.entries()) {
      await client.cancel()
      expect(channel.size).toBe(19 - i)
    }
    expect(vi.getTimerCount()).toBe(0)
  })

  it('unsubscribes when the request signal aborts, removing its listener', () => {
    const channel = createChannel({ heartbeat: false })
    const controller = new AbortController()
    const request = new Request('http://localhost/events', { signal: controller.signal })
    const reasons: CloseReason[] = []
    channel.subscribe(request, { onClose: (reason) => reasons.push(reason) })
    expect(channel.size).toBe(1)
    expect(getEventListeners(request.signal, 'abort').length).toBeGreaterThan(0)
    controller.abort()
    expect(channel.size).toBe(0)
    expect(reasons).toEqual(['client'])
    expect(getEventListeners(request.signal, 'abort')).toEqual([])
  })

  it('registers nothing for a request that was aborted before subscribing', () => {
    const channel = createChannel()
    const reasons: CloseReason[] = []
    channel.subscribe(new Request('http://localhost/events', { signal: AbortSignal.abort() }), {
      onClose: (reason) => reasons.push(reason),
    })
    expect(channel.size).toBe(0)
    expect(reasons).toEqual(['client'])
    channel.publish({ data: 'nobody listens' })
  })

  it('close() ends every stream with reason server and leaves nothing behind', async () => {
    vi.useFakeTimers()
    const channel = createChannel()
    const controller = new AbortController()
    const reasons: CloseReason[] = []
    const clients = Array.from({ length: 10 }, () =>
      connect(
        channel.subscribe(eventsRequest(), {
          signal: controller.signal,
          onClose: (reason) => reasons.push(reason),
        }),
      ),
    )
    channel.publish({ data: 'last words' })
    channel.close()
    expect(channel.closed).toBe(true)
    expect(channel.size).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    expect(getEventListeners(controller.signal, 'abort')).toEqual([])
    expect(reasons).toEqual(Array(10).fill('server'))
    await Promise.all(clients.map((client) => client.ended))
    for (const client of clients)
      expect(client.events.map((event) => event.data)).toEqual(['last words'])
  })

  it('refuses publishes after close() and answers new subscribers 204 so EventSource stops', () => {
    const channel = createChannel()
    channel.close()
    expect(() => channel.publish({ data: 'late' })).toThrow('closed')
    const response = channel.subscribe(eventsRequest())
    expect(response.status).toBe(204)
    expect(channel.size).toBe(0)
  })

  it('sends heartbeats from the connection on a quiet channel, every 15 s by default', async () => {
    vi.useFakeTimers()
    const channel = createChannel()
    const response = channel.subscribe(eventsRequest())
    const reader = response.body?.getReader()
    const decoder = new TextDecoder()
    expect(decoder.decode((await reader?.read())?.value)).toBe(':\n\n')
    const next = reader?.read()
    await vi.advanceTimersByTimeAsync(14_999)
    let beat: string | undefined
    void next?.then((chunk) => {
      beat = decoder.decode(chunk.value)
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(beat).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(beat).toBe(':\n\n')
    await reader?.cancel()
    expect(vi.getTimerCount()).toBe(0)
    expect(channel.size).toBe(0)
  })
})
