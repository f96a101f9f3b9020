import { type CloseReason, EXPIRED_EVENT } from '@ssekit/core'
import { expect, it } from 'vitest'
import { type ContractContext, eventsRequest } from './context.ts'
import { TestClient } from './test-client.ts'

/** What opens and closes: headers, HEAD, size, heartbeats, leaving, and close(). */
export function lifecycleCases(t: ContractContext): void {
  it('answers with the event-stream headers, the caller’s on top', async () => {
    const channel = await t.channel()
    const response = await channel.subscribe(eventsRequest(), {
      headers: { 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
    })
    await response.body?.cancel()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('answers HEAD with the headers alone and no subscriber', async () => {
    const channel = await t.channel()
    const closes: CloseReason[] = []
    const response = await channel.subscribe(eventsRequest(undefined, 'HEAD'), {
      onClose: (reason) => closes.push(reason),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.body).toBeNull()
    expect(channel.size).toBe(0)
    expect(closes).toHaveLength(1)
  })

  it('counts open subscribers in size, and goes back to 0 as clients leave', async () => {
    const channel = await t.channel()
    const closes: CloseReason[] = []
    const onClose = (reason: CloseReason) => closes.push(reason)
    const clients = [
      await t.subscribe(channel, { options: { onClose } }),
      await t.subscribe(channel, { options: { onClose } }),
      await t.subscribe(channel, { options: { onClose } }),
    ]
    expect(channel.size).toBe(3)
    await clients[0]?.leave()
    // A runtime may hear that a client left only at its next write (workerd): publish one.
    await channel.publish({ data: 'wake' })
    await t.waitFor(() => channel.size === 2, 'size 2 after one client left')
    await Promise.all(clients.map((client) => client.leave()))
    await channel.publish({ data: 'wake' })
    await t.waitFor(() => channel.size === 0, 'size 0 after every client left')
    await t.waitFor(() => closes.length === 3, 'onClose for each client')
    expect(closes).toEqual(['client', 'client', 'client'])
  })

  it('makes no subscriber for a client that left before subscribe', async () => {
    const channel = await t.channel()
    const closes: CloseReason[] = []
    const response = await channel.subscribe(eventsRequest(), {
      signal: AbortSignal.abort(),
      onClose: (reason) => closes.push(reason),
    })
    await response.body?.cancel()
    await t.waitFor(() => closes.length === 1, 'onClose')
    expect(channel.size).toBe(0)
    expect(closes).toEqual(['client'])
  })

  it('sends heartbeats on a quiet stream', async () => {
    const channel = await t.channel({ heartbeat: 50 })
    const client = await t.subscribe(channel)
    await client.until(() => client.comments.length >= 3, 'two heartbeats after the opening')
    expect(client.events).toEqual([])
  })

  it('close() ends every stream, then answers 204 and refuses publishes', async () => {
    const channel = await t.channel()
    const closes: CloseReason[] = []
    const client = await t.subscribe(channel, { options: { onClose: (r) => closes.push(r) } })
    await channel.publish({ data: 'last' })
    await channel.close()
    await client.end()
    expect(client.data).toEqual(['last'])
    expect(closes).toEqual(['server'])
    expect(channel.closed).toBe(true)
    expect(channel.size).toBe(0)
    const late = await channel.subscribe(eventsRequest())
    expect(late.status).toBe(204)
    await expect(channel.publish({ data: 'too late' })).rejects.toThrow(/closed/)
    // Closing twice is harmless.
    await channel.close()
  })

  it('close() while a subscribe is in flight: that client is told once, and nothing stays open', async () => {
    const channel = await t.channel()
    const closes: CloseReason[] = []
    const subscribing = channel.subscribe(eventsRequest(), {
      onClose: (reason) => closes.push(reason),
    })
    await channel.close()
    const response = await subscribing
    // A 204, or a stream that ends: either way, its end reaches the client.
    if (response.body !== null) await new TestClient(response, t.timeoutMs, false).end()
    await t.waitFor(() => closes.length > 0, 'onClose')
    expect(closes).toEqual(['server'])
    expect(channel.size).toBe(0)
  })

  it('`closeAfter` ends a stream right after its first event of that type, live and in a replay', async () => {
    const channel = await t.channel()
    const closes: CloseReason[] = []
    const options = { closeAfter: 'end', onClose: (reason: CloseReason) => closes.push(reason) }
    const live = await t.subscribe(channel, { options })
    const other = await t.subscribe(channel)
    const first = await channel.publish({ data: 'one' })
    // Neither a data line that reads like the name's line nor a longer name ends it.
    await channel.publish({ data: 'event: end' })
    await channel.publish({ event: 'ending', data: 'not yet' })
    await channel.publish({ event: 'end', data: 'done' })
    await channel.publish({ data: 'after' })
    const seen = [
      [undefined, 'one'],
      [undefined, 'event: end'],
      ['ending', 'not yet'],
      ['end', 'done'],
    ]
    await live.end()
    expect(live.events.map((e) => [e.event, e.data])).toEqual(seen)
    expect(closes).toEqual(['server'])
    // The channel itself goes on: another subscriber still gets what follows.
    expect(await other.dataCount(3)).toEqual(['one', 'event: end', 'after'])
    const resumed = await t.subscribe(channel, { lastEventId: first, options })
    await resumed.end()
    expect(resumed.events.map((e) => [e.event, e.data])).toEqual(seen.slice(1))
    expect(closes).toEqual(['server', 'server'])
    await other.leave()
    await channel.publish({ data: 'wake' })
    await t.waitFor(() => channel.size === 0, 'no subscriber left')
  })

  it('opens with the retry delay of the subscriber, or else the channel’s', async () => {
    const channel = await t.channel({ retry: 1500 })
    const client = await t.subscribe(channel, { options: { retry: 2500 } })
    const defaults = await t.subscribe(channel)
    await client.until(() => client.retries.length > 0, 'the opening retry')
    await defaults.until(() => defaults.retries.length > 0, 'the opening retry')
    expect(client.retries).toEqual([2500])
    expect(defaults.retries).toEqual([1500])
  })

  it('ends a stream at `expiresAt` with the expired event and `retry: 0`, after its events', async () => {
    const channel = await t.channel()
    const closes: CloseReason[] = []
    const client = await t.subscribe(channel, {
      options: { expiresAt: Date.now() + 300, onClose: (reason) => closes.push(reason) },
    })
    const id = await channel.publish({ data: 'before' })
    await client.end()
    expect(client.events.map((e) => [e.event, e.data])).toEqual([
      [undefined, 'before'],
      [EXPIRED_EVENT, '{"reason":"expiresAt"}'],
    ])
    expect(client.events[0]?.id).toBe(id)
    expect(client.retries.at(-1)).toBe(0)
    expect(closes).toEqual(['expired'])
    await t.waitFor(() => channel.size === 0, 'the expired subscriber gone')
  })

  it('ends a stream when `checkCredentials` says no on a heartbeat', async () => {
    const channel = await t.channel({ heartbeat: 30 })
    let valid = true
    const client = await t.subscribe(channel, { options: { checkCredentials: () => valid } })
    await client.until(() => client.comments.length >= 2, 'a heartbeat with valid credentials')
    valid = false
    await client.end()
    expect(client.events.map((e) => e.event)).toEqual([EXPIRED_EVENT])
    await t.waitFor(() => channel.size === 0, 'the expired subscriber gone')
  })
}
