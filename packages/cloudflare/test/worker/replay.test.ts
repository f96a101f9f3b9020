import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { eventsRequest, freshChannel, ids, objectOf, open, publishAll } from './helpers.ts'

const GAP = 'ssekit-gap'

describe('createDurableChannel().subscribe() with Last-Event-ID', () => {
  it('replays exactly what came after the ID from SQLite, then goes live', async () => {
    const channel = freshChannel()
    await publishAll(channel, ['1', '2', '3', '4', '5'])
    const stream = await open(channel.subscribe(eventsRequest('2')))
    try {
      await stream.waitForEvents(3)
      await channel.publish({ data: '6' })
      await stream.waitForEvents(4)
      expect(ids(stream)).toEqual(['3', '4', '5', '6'])
      expect(stream.events.map((event) => event.data)).toEqual(['3', '4', '5', '6'])
    } finally {
      await stream.cancel()
    }
  })

  it('sends events published between the socket’s accept and the replay read once, in order', async () => {
    const channel = freshChannel(env.RACING)
    await publishAll(channel, ['a', 'b', 'c'])
    // These land in SQLite and on the new socket alike, before the replay is read.
    await objectOf(channel, env.RACING).raceNextSubscribe(['d', 'e', 'f'])
    const stream = await open(channel.subscribe(eventsRequest('1')))
    try {
      await channel.publish({ data: 'g' })
      await stream.waitForEvents(6)
      expect(stream.events.map((event) => `${event.id}:${event.data}`)).toEqual([
        '2:b',
        '3:c',
        '4:d',
        '5:e',
        '6:f',
        '7:g',
      ])
      expect(stream.events.some((event) => event.event === GAP)).toBe(false)
    } finally {
      await stream.cancel()
    }
  })

  it('events trimmed between the accept and the replay read never arrive after newer ones', async () => {
    const channel = freshChannel(env.RACING_SMALL) // keeps 3
    await publishAll(channel, ['1', '2', '3'])
    // 4 and 5 reach the socket live, then are trimmed before the replay reads [6, 7, 8].
    await objectOf(channel, env.RACING_SMALL).raceNextSubscribe(['4', '5', '6', '7', '8'])
    const stream = await open(channel.subscribe(eventsRequest('1')))
    try {
      await channel.publish({ data: '9' })
      await stream.waitUntil(() => stream.events.some((event) => event.id === '9'), 'event 9')
      expect(stream.events.map((event) => event.event ?? event.id)).toEqual([
        GAP,
        '6',
        '7',
        '8',
        '9',
      ])
    } finally {
      await stream.cancel()
    }
  })

  it('a fresh subscriber gets events published during its accept live, once', async () => {
    const channel = freshChannel(env.RACING)
    await publishAll(channel, ['a'])
    await objectOf(channel, env.RACING).raceNextSubscribe(['b', 'c'])
    const stream = await open(channel.subscribe(eventsRequest()))
    try {
      await channel.publish({ data: 'd' })
      await stream.waitForEvents(3)
      expect(ids(stream)).toEqual(['2', '3', '4'])
    } finally {
      await stream.cancel()
    }
  })

  it('sends the gap event, then what is kept, once trimming by count passed the ID', async () => {
    const channel = freshChannel(env.SMALL) // keeps 3
    await publishAll(channel, ['1', '2', '3', '4', '5', '6'])
    const stream = await open(channel.subscribe(eventsRequest('2')))
    try {
      await stream.waitForEvents(4)
      const [gap, ...rest] = stream.events
      expect(gap?.event).toBe(GAP)
      expect(JSON.parse(gap?.data ?? '')).toEqual({ lastEventId: '2' })
      expect(rest.map((event) => event.id)).toEqual(['4', '5', '6'])
    } finally {
      await stream.cancel()
    }
    // The oldest kept event follows the ID directly: nothing is missing, so no gap.
    const whole = await open(channel.subscribe(eventsRequest('3')))
    try {
      await whole.waitForEvents(3)
      expect(ids(whole)).toEqual(['4', '5', '6'])
      expect(whole.events.some((event) => event.event === GAP)).toBe(false)
    } finally {
      await whole.cancel()
    }
    // Trimming deletes the rows, it does not just hide them.
    const rows = await runInDurableObject(objectOf(channel, env.SMALL), (_, state) =>
      state.storage.sql
        .exec<{ seq: number }>('SELECT seq FROM ssekit_events ORDER BY seq')
        .toArray(),
    )
    expect(rows.map((row) => row.seq)).toEqual([4, 5, 6])
  })

  it('sends the gap event once events after the ID expired', async () => {
    const channel = freshChannel(env.SHORT) // keeps 100 ms
    await publishAll(channel, ['old-1', 'old-2'])
    await new Promise((resolve) => setTimeout(resolve, 150))
    await channel.publish({ data: 'new' })
    const stream = await open(channel.subscribe(eventsRequest('1')))
    try {
      await stream.waitForEvents(2)
      expect(stream.events.map((event) => event.event ?? event.data)).toEqual([GAP, 'new'])
    } finally {
      await stream.cancel()
    }
    const rows = await runInDurableObject(objectOf(channel, env.SHORT), (_, state) =>
      state.storage.sql.exec('SELECT seq FROM ssekit_events').toArray(),
    )
    expect(rows).toEqual([{ seq: 3 }])
  })

  it.each([
    ['never issued', '99'],
    ['not a number', 'abc'],
    ['zero', '0'],
    ['a leading zero', '01'],
  ])('sends the gap event and everything kept for an ID %s', async (_, lastEventId) => {
    const channel = freshChannel()
    await publishAll(channel, ['1', '2'])
    const stream = await open(channel.subscribe(eventsRequest(lastEventId)))
    try {
      await stream.waitForEvents(3)
      expect(stream.events.map((event) => event.event ?? event.id)).toEqual([GAP, '1', '2'])
    } finally {
      await stream.cancel()
    }
  })

  it('the newest ID resumes with nothing to replay and no gap', async () => {
    const channel = freshChannel()
    await publishAll(channel, ['1', '2'])
    const stream = await open(channel.subscribe(eventsRequest('2')))
    try {
      await channel.publish({ data: '3' })
      await stream.waitForEvents(1)
      expect(ids(stream)).toEqual(['3'])
    } finally {
      await stream.cancel()
    }
  })
})

describe('SSEChannelObject.readAfter()', () => {
  it('returns the events after the ID, oldest first, and whether none is missing', async () => {
    const channel = freshChannel()
    await publishAll(channel, ['a', 'b', 'c'])
    const stub = objectOf(channel, env.CHANNELS)
    const after1 = await stub.readAfter('1', ['default'])
    expect(after1).toEqual({
      events: [
        { id: '2', topic: 'default', frame: 'id: 2\ndata: b\n\n' },
        { id: '3', topic: 'default', frame: 'id: 3\ndata: c\n\n' },
      ],
      complete: true,
    })
    expect(await stub.readAfter('3', ['default'])).toEqual({ events: [], complete: true })
    expect((await stub.readAfter('4', ['default'])).complete).toBe(false)
    expect(await stub.readAfter('1', ['other'])).toEqual({ events: [], complete: true })
  })
})
