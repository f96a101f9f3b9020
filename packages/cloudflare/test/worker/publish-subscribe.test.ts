import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createDurableChannel } from '../../src/index.ts'
import { eventsRequest, freshChannel, ids, objectOf, open, publishAll } from './helpers.ts'

describe('createDurableChannel().publish()', () => {
  it('resolves IDs 1, 2, 3 in order, each once stored', async () => {
    const channel = freshChannel()
    expect(await publishAll(channel, ['a', 'b', 'c'])).toEqual(['1', '2', '3'])
    const stored = await objectOf(channel, env.CHANNELS).readAfter('1', ['default'])
    expect(stored.events.map((event) => event.frame)).toEqual([
      'id: 2\ndata: b\n\n',
      'id: 3\ndata: c\n\n',
    ])
  })

  it('refuses a bad message at the call site, naming the field, and stores nothing', async () => {
    const channel = freshChannel()
    await expect(channel.publish({ event: 'a\nb', data: 'x' })).rejects.toThrow(
      new SyntaxError('Cannot encode message: `event` cannot contain CR or LF'),
    )
    await expect(channel.publish({ id: '7', data: 'x' } as never)).rejects.toThrow(
      new TypeError('Cannot publish message: `id` is assigned by the channel; leave it out'),
    )
    await expect(channel.publish({ data: 'x' }, { topic: 1 as unknown as string })).rejects.toThrow(
      new TypeError('Cannot publish: `topic` must be a string'),
    )
    await expect(channel.publish({ retry: -1 })).rejects.toThrow(RangeError)
    expect(await channel.publish({ data: 'fine' })).toBe('1')
  })

  it('rejects a bad channel name or option where the channel is made', () => {
    expect(() => createDurableChannel(env.CHANNELS, '')).toThrow(
      new TypeError('Cannot create the channel: `name` must be a non-empty string'),
    )
    expect(() => createDurableChannel(env.CHANNELS, 'x', { retryAfterReset: -5 })).toThrow(
      new RangeError(
        'Cannot create the channel: option `retryAfterReset` must be a non-negative safe integer, got -5',
      ),
    )
    // Subscriber defaults too, not at each later subscribe (after a socket to the object opened).
    expect(() => createDurableChannel(env.CHANNELS, 'x', { maxBuffered: 0 })).toThrow(
      new RangeError(
        'Cannot create the channel: option `maxBuffered` must be a positive number of bytes, got 0',
      ),
    )
    expect(() => createDurableChannel(env.CHANNELS, 'x', { heartbeat: -1 })).toThrow(RangeError)
    expect(() => createDurableChannel(env.CHANNELS, 'x', { retry: 1.5 })).toThrow(RangeError)
    expect(() =>
      createDurableChannel(env.CHANNELS, 'x', { slowConsumer: 'wait' as 'disconnect' }),
    ).toThrow(TypeError)
  })
})

describe('createDurableChannel().subscribe()', () => {
  it('answers with the event-stream headers and goes live after an id: anchor', async () => {
    const channel = freshChannel()
    await publishAll(channel, ['before-1', 'before-2'])
    const response = await channel.subscribe(eventsRequest())
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const stream = await open(response)
    try {
      await channel.publish({ event: 'chat', data: { text: 'live' } })
      const [event] = await stream.waitForEvents(1)
      expect(event).toEqual({ id: '3', event: 'chat', data: '{"text":"live"}' })
      // The anchor sets the client's last event ID to the newest one without firing an event.
      const text = new TextDecoder().decode(stream.chunks[0])
      expect(`${text}${new TextDecoder().decode(stream.chunks[1])}`).toContain('id: 2\n\n')
      expect(stream.events.map((seen) => seen.data)).not.toContain('before-1')
    } finally {
      await stream.cancel()
    }
  })

  it('two subscribers get the same events, each once', async () => {
    const channel = freshChannel()
    const streams = [
      await open(channel.subscribe(eventsRequest())),
      await open(channel.subscribe(eventsRequest())),
    ]
    try {
      const published = await publishAll(channel, ['x', 'y', 'z'])
      for (const stream of streams) {
        await stream.waitForEvents(3)
        expect(ids(stream)).toEqual(published)
      }
    } finally {
      await Promise.all(streams.map((stream) => stream.cancel()))
    }
  })

  it('a topic may be any string, not only what fits in a header', async () => {
    const channel = freshChannel()
    const topic = 'café ☕ 日本'
    const stream = await open(channel.subscribe(eventsRequest(), { topics: [topic, 'a'] }))
    try {
      await channel.publish({ data: 'hot' }, { topic })
      await stream.waitForEvents(1)
      expect(stream.events.map((event) => event.data)).toEqual(['hot'])
    } finally {
      await stream.cancel()
    }
  })

  it('a subscriber gets only its topics', async () => {
    const channel = freshChannel()
    const stream = await open(channel.subscribe(eventsRequest(), { topics: ['a', 'c'] }))
    try {
      await channel.publish({ data: 'to a' }, { topic: 'a' })
      await channel.publish({ data: 'to b' }, { topic: 'b' })
      await channel.publish({ data: 'to c' }, { topic: 'c' })
      await stream.waitForEvents(2)
      expect(stream.events.map((event) => event.data)).toEqual(['to a', 'to c'])
      // Replay filters by topic too.
      const again = await open(channel.subscribe(eventsRequest('1'), { topics: 'c' }))
      await again.waitForEvents(1)
      expect(again.events).toEqual([{ id: '3', event: undefined, data: 'to c' }])
      await again.cancel()
    } finally {
      await stream.cancel()
    }
  })

  it('HEAD gets the headers and opens no socket to the object', async () => {
    const channel = freshChannel()
    const response = await channel.subscribe(eventsRequest(undefined, { method: 'HEAD' }))
    expect(response.status).toBe(200)
    expect(response.body).toBeNull()
    expect(await objectOf(channel, env.CHANNELS).connections()).toBe(0)
  })

  it('rejects bad options with the core’s errors and leaves no socket open', async () => {
    const channel = freshChannel()
    await expect(channel.subscribe(eventsRequest(), { topics: [] })).rejects.toThrow(
      new RangeError('Cannot subscribe: option `topics` names no topic'),
    )
    await expect(channel.subscribe(eventsRequest(), { maxBuffered: 0 })).rejects.toThrow(RangeError)
    await expect.poll(() => objectOf(channel, env.CHANNELS).connections()).toBe(0)
  })

  it('close() ends this isolate’s streams, then subscribe answers 204 and publish throws', async () => {
    const channel = freshChannel()
    const closed: string[] = []
    const stream = await open(
      channel.subscribe(eventsRequest(), { onClose: (reason) => closed.push(reason) }),
    )
    expect(channel.size).toBe(1)
    channel.close()
    await stream.readToEnd()
    expect(closed).toEqual(['server'])
    expect(channel.size).toBe(0)
    expect((await channel.subscribe(eventsRequest())).status).toBe(204)
    await expect(channel.publish({ data: 'x' })).rejects.toThrow(
      'Cannot publish: the channel is closed',
    )
    await expect.poll(() => objectOf(channel, env.CHANNELS).connections()).toBe(0)
  })

  it('close() while a subscribe waits for its socket: 204, onClose once with server, no socket left', async () => {
    const channel = freshChannel()
    const closed: string[] = []
    const subscribing = channel.subscribe(eventsRequest(), {
      onClose: (reason) => closed.push(reason),
    })
    // close() resolves once that subscribe has let its socket go and told its caller.
    await channel.close()
    expect(closed).toEqual(['server'])
    expect(channel.size).toBe(0)
    expect((await subscribing).status).toBe(204)
    await expect.poll(() => objectOf(channel, env.CHANNELS).connections()).toBe(0)
  })
})
