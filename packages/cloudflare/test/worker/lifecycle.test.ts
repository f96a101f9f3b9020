import { evictDurableObject, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { CloseReason } from '@ssekit/core'
import { describe, expect, it } from 'vitest'
import { SSEChannelObject } from '../../src/index.ts'
import { eventsRequest, freshChannel, ids, objectOf, open, publishAll } from './helpers.ts'

describe('a client leaving', () => {
  it('cancelling the body closes its WebSocket to the object at once', async () => {
    const channel = freshChannel()
    const stub = objectOf(channel, env.CHANNELS)
    const reasons: CloseReason[] = []
    const stream = await open(
      channel.subscribe(eventsRequest(), { onClose: (reason) => reasons.push(reason) }),
    )
    await stream.readChunk()
    expect(await stub.connections()).toBe(1)
    expect(channel.size).toBe(1)
    await stream.cancel()
    await expect.poll(() => stub.connections()).toBe(0)
    expect(reasons).toEqual(['client'])
    expect(channel.size).toBe(0)
  })

  it('an aborted signal (request.signal is lost behind a DO) closes it too', async () => {
    const channel = freshChannel()
    const stub = objectOf(channel, env.CHANNELS)
    const leave = new AbortController()
    const response = await channel.subscribe(eventsRequest(), { signal: leave.signal })
    expect(await stub.connections()).toBe(1)
    leave.abort()
    await expect.poll(() => stub.connections()).toBe(0)
    await response.body?.cancel()
  })

  it('ten clients, five leave: the object keeps the other five and they still get events', async () => {
    const channel = freshChannel()
    const stub = objectOf(channel, env.CHANNELS)
    const streams = await Promise.all(
      Array.from({ length: 10 }, () => open(channel.subscribe(eventsRequest()))),
    )
    expect(await stub.connections()).toBe(10)
    await Promise.all(streams.slice(0, 5).map((stream) => stream.cancel()))
    await expect.poll(() => stub.connections()).toBe(5)
    const [id] = await publishAll(channel, ['still here'])
    for (const stream of streams.slice(5)) {
      await stream.waitForEvents(1)
      expect(ids(stream)).toEqual([id])
      await stream.cancel()
    }
    await expect.poll(() => stub.connections()).toBe(0)
  })
})

describe('the object going away', () => {
  it('a reset that closes its sockets ends each stream with the retry hint, not an error', async () => {
    const channel = freshChannel(env.CHANNELS, { retryAfterReset: 1234 })
    const reasons: CloseReason[] = []
    const stream = await open(
      channel.subscribe(eventsRequest(), { onClose: (reason) => reasons.push(reason) }),
    )
    await channel.publish({ data: 'before' })
    await stream.waitForEvents(1)
    await evictDurableObject(objectOf(channel, env.CHANNELS), { webSockets: 'close' })
    await stream.readToEnd()
    expect(stream.retries).toEqual([1234])
    expect(reasons).toEqual(['server'])
    // The client comes back with its last ID and misses nothing: the history outlived the reset.
    await channel.publish({ data: 'while away' })
    const back = await open(channel.subscribe(eventsRequest('1')))
    await back.waitForEvents(1)
    expect(back.events.map((event) => event.data)).toEqual(['while away'])
    await back.cancel()
  })

  it('an object that cannot be reached gets a stream that ends with the retry hint', async () => {
    const channel = freshChannel(env.BROKEN, { retryAfterReset: 777 })
    const response = await channel.subscribe(eventsRequest('3'))
    expect(response.status).toBe(200)
    const stream = await open(response)
    await stream.readToEnd()
    expect(stream.retries).toEqual([777])
    expect(stream.events).toEqual([])
  })
})

describe('hibernation', () => {
  it('an evicted object wakes for the next publish, continues its counter and reaches every socket', async () => {
    const channel = freshChannel()
    const stub = objectOf(channel, env.CHANNELS)
    const stream = await open(channel.subscribe(eventsRequest()))
    await publishAll(channel, ['1', '2'])
    await stream.waitForEvents(2)
    const before = await runInDurableObject(stub, (instance) => instance)
    // Hibernation: the instance goes, its WebSockets stay with the runtime.
    await evictDurableObject(stub)
    expect(await publishAll(channel, ['3'])).toEqual(['3'])
    await stream.waitForEvents(3)
    expect(ids(stream)).toEqual(['1', '2', '3'])
    const after = await runInDurableObject(stub, (instance) => instance)
    expect(after).toBeInstanceOf(SSEChannelObject)
    expect(after).not.toBe(before)
    expect(await stub.connections()).toBe(1)
    await stream.cancel()
  })
})

describe('concurrent publishes', () => {
  it('get distinct IDs, and every subscriber receives them in ID order with their own data', async () => {
    const channel = freshChannel()
    const streams = await Promise.all([1, 2, 3].map(() => open(channel.subscribe(eventsRequest()))))
    const texts = Array.from({ length: 50 }, (_, n) => `message ${n}`)
    const published = await Promise.all(texts.map((data) => channel.publish({ data })))
    expect(new Set(published).size).toBe(50)
    const byId = new Map(published.map((id, n) => [id, texts[n]]))
    const inOrder = [...published].sort((a, b) => Number(a) - Number(b))
    expect(inOrder).toEqual(Array.from({ length: 50 }, (_, n) => String(n + 1)))
    for (const stream of streams) {
      await stream.waitForEvents(50)
      expect(ids(stream)).toEqual(inOrder)
      for (const event of stream.events) expect(event.data).toBe(byId.get(event.id as string))
      await stream.cancel()
    }
  })
})
