import type { CloseReason } from '@ssekit/core'
import { type LeakTracker, trackLeaks } from '@ssekit/testkit/event-stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createChannel } from '../../src/index.ts'
import { eventsRequest, following } from './requests.ts'

// Counts intervals and signal listeners through globals, so these checks run on every runtime.
let leaks: LeakTracker
beforeEach(() => {
  leaks = trackLeaks()
})
afterEach(() => {
  leaks.restore()
})

describe('Channel lifecycle', () => {
  it('unsubscribes at once when the client cancels, leaving no timer', async () => {
    const channel = createChannel()
    const clients = await Promise.all(
      Array.from({ length: 20 }, async () => following(await channel.subscribe(eventsRequest()))),
    )
    // One heartbeat interval per subscriber, from the connection.
    expect(leaks.liveIntervals).toBe(20)
    for (const [i, client] of clients.entries()) {
      await client.cancel()
      expect(channel.size).toBe(19 - i)
    }
    expect(leaks.liveIntervals).toBe(0)
  })

  it('answers HEAD with the headers alone and registers no subscriber', async () => {
    const channel = createChannel()
    const reasons: CloseReason[] = []
    const response = await channel.subscribe(
      new Request('http://localhost/events', { method: 'HEAD' }),
      {
        onClose: (reason) => reasons.push(reason),
      },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.body).toBeNull()
    expect(channel.size).toBe(0)
    expect(leaks.liveIntervals).toBe(0)
    expect(reasons).toEqual(['client'])
  })

  it('unsubscribes when the client signal aborts, removing its listener', async () => {
    const channel = createChannel()
    const controller = leaks.trackedController()
    const reasons: CloseReason[] = []
    await channel.subscribe(eventsRequest(), {
      signal: controller.signal,
      onClose: (reason) => reasons.push(reason),
    })
    expect(channel.size).toBe(1)
    expect(leaks.liveListeners).toBe(1)
    controller.abort()
    expect(channel.size).toBe(0)
    expect(reasons).toEqual(['client'])
    expect(leaks.liveListeners).toBe(0)
    expect(leaks.liveIntervals).toBe(0)
  })

  it("listens to the request's own signal by default", async () => {
    const channel = createChannel({ heartbeat: false })
    const controller = new AbortController()
    await channel.subscribe(new Request('http://localhost/events', { signal: controller.signal }))
    expect(channel.size).toBe(1)
    controller.abort()
    expect(channel.size).toBe(0)
  })

  it('registers nothing for a request that was aborted before subscribing', async () => {
    const channel = createChannel()
    const reasons: CloseReason[] = []
    await channel.subscribe(
      new Request('http://localhost/events', { signal: AbortSignal.abort() }),
      {
        onClose: (reason) => reasons.push(reason),
      },
    )
    expect(channel.size).toBe(0)
    expect(reasons).toEqual(['client'])
    expect(leaks.liveIntervals).toBe(0)
    await channel.publish({ data: 'nobody listens' })
  })

  it('close() ends every stream with reason server and leaves nothing behind', async () => {
    const channel = createChannel()
    const controller = leaks.trackedController()
    const reasons: CloseReason[] = []
    const clients = await Promise.all(
      Array.from({ length: 10 }, async () =>
        following(
          await channel.subscribe(eventsRequest(), {
            signal: controller.signal,
            onClose: (reason) => reasons.push(reason),
          }),
        ),
      ),
    )
    expect(leaks.liveListeners).toBe(10)
    await channel.publish({ data: 'last words' })
    await channel.close()
    expect(channel.closed).toBe(true)
    expect(channel.size).toBe(0)
    expect(leaks.liveIntervals).toBe(0)
    expect(leaks.liveListeners).toBe(0)
    expect(reasons).toEqual(Array(10).fill('server'))
    await Promise.all(clients.map((client) => client.follow()))
    for (const client of clients) {
      expect(client.events.map((event) => event.data)).toEqual(['last words'])
    }
  })

  it('refuses publishes after close() and answers new subscribers 204 so EventSource stops', async () => {
    const channel = createChannel()
    await channel.close()
    await expect(channel.publish({ data: 'late' })).rejects.toThrow('closed')
    const reasons: CloseReason[] = []
    const response = await channel.subscribe(eventsRequest(), {
      onClose: (reason) => reasons.push(reason),
    })
    expect(response.status).toBe(204)
    // onClose still runs once, so a caller that counted the stream in counts it out again.
    expect(reasons).toEqual(['server'])
    expect(channel.size).toBe(0)
    expect(leaks.liveIntervals).toBe(0)
  })

  it('sends heartbeats from the connection on a quiet channel', async () => {
    const channel = createChannel({ heartbeat: 5 })
    const reader = (await channel.subscribe(eventsRequest())).body?.getReader()
    const decoder = new TextDecoder()
    expect(decoder.decode((await reader?.read())?.value)).toBe(':\n\n')
    // Nothing is published: the next bytes can only be a heartbeat comment.
    expect(decoder.decode((await reader?.read())?.value)).toBe(':\n\n')
    await reader?.cancel()
    expect(channel.size).toBe(0)
    expect(leaks.liveIntervals).toBe(0)
  })
})
