// Deno has Web Locks and BroadcastChannel, so callers in one process share a stream there as the
// tabs of a browser do: the same code, with real locks and a real channel, and no browser.
import { afterEach, describe, expect, it } from 'vitest'
import {
  type EventStream,
  type EventsInit,
  type EventsInput,
  type OpenInfo,
  events as openEvents,
  type ServerEvent,
  SSEResponseError,
} from '../../src/index.ts'
import { type Feed, startFeed } from '../harness/feed.ts'
import { status } from '../harness/responses.ts'
import { until } from '../harness/timers.ts'

let feed: Feed | undefined
const opened: EventStream<unknown>[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((stream) => stream.return()))
  await feed?.close()
  feed = undefined
})

// Every caller is stopped after its test, so none follows or leads into the next.
function events(input: EventsInput, init: EventsInit): EventStream<ServerEvent<string, unknown>> {
  const stream = openEvents(input, init)
  opened.push(stream)
  return stream
}

/** Reads `stream` in the background into `got`, until it ends; `done` settles then. */
function reader(stream: AsyncIterable<ServerEvent<string, unknown>>) {
  const got: string[] = []
  const done = (async () => {
    for await (const e of stream) got.push(`${e.id} ${String(e.data)}`)
  })()
  return { got, done }
}

describe('events() with `shared` where Web Locks and BroadcastChannel exist', () => {
  it('events() shares one connection: every caller gets every event once, in order', async () => {
    const served = await startFeed()
    feed = served
    const opens: OpenInfo['connection'][] = []
    const onOpen = ({ connection }: OpenInfo) => void opens.push(connection)
    const init = { ...served.upstream.init, shared: true, onOpen }
    const first = events(served.upstream.url, init)
    const a = reader(first)
    await until(() => opens.length === 1, 'the first caller to open')
    const b = reader(events(served.upstream.url, init))
    await until(() => opens.length === 2, 'the second to follow')
    for (const text of ['a', 'b', 'c']) served.publish(text)
    await until(() => a.got.length === 3 && b.got.length === 3, 'three events each')
    expect(a.got).toEqual(['1 a', '2 b', '3 c'])
    expect(b.got).toEqual(a.got)
    expect(opens).toEqual(['leader', 'follower'])
    expect(served.lastEventIds).toEqual([null])
    await first.return()
  })

  it('events() hands over when the leading caller stops: the next resumes from the last ID, nothing lost or doubled', async () => {
    const served = await startFeed()
    feed = served
    const init = { ...served.upstream.init, shared: true }
    const first = events(served.upstream.url, init)
    const a = reader(first)
    await until(() => served.live === 1, 'the stream')
    served.publish('a')
    await until(() => a.got.length === 1, 'the first event')
    const rest = [
      reader(events(served.upstream.url, init)),
      reader(events(served.upstream.url, init)),
    ]
    served.publish('b')
    await until(() => rest.every((r) => r.got.length === 1), 'the followers to see b')
    await first.return()
    served.publish('c')
    await until(() => served.lastEventIds.length === 2, 'the next leader')
    served.publish('d')
    await until(() => rest.every((r) => r.got.length === 3), 'c and d')
    for (const r of rest) expect(r.got).toEqual(['2 b', '3 c', '4 d'])
    expect(served.lastEventIds).toEqual([null, '2'])
    expect(served.live).toBe(1)
  })

  it('events() drops what a new leader brings twice, and keeps the order', async () => {
    const url = 'http://shared.test/replayed'
    const name = `ssekit-shared GET ${url}`
    // This test holds the lock: it is the leader, and tells the caller what a leader would.
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    void navigator.locks.request(name, () => held)
    const channel = new BroadcastChannel(name)
    const r = reader(events(url, { shared: true }))
    const send = (id: string, data: string, ord = 0) =>
      channel.postMessage({
        type: 'event',
        event: { event: 'message', data, id },
        cursor: { id, ord },
      })
    send('1', 'a')
    send('2', 'b')
    send('2', 'b, no ID of its own', 1)
    // A new leader that resumed from 1: the replay repeats what the caller was handed.
    send('2', 'b')
    send('2', 'b, no ID of its own', 1)
    send('3', 'c')
    await until(() => r.got.length === 4, 'four events')
    expect(r.got).toEqual(['1 a', '2 b', '2 b, no ID of its own', '3 c'])
    channel.postMessage({ type: 'end' })
    await r.done
    channel.close()
    release()
  })

  it('events() ends every caller quietly when the server answers 204', async () => {
    const served = await startFeed((n) => (n === 2 ? status(204) : undefined))
    feed = served
    const init = { ...served.upstream.init, minRetryDelay: 1, retryDelay: 1, shared: true }
    const a = reader(events(served.upstream.url, init))
    await until(() => served.live === 1, 'the stream')
    const b = reader(events(served.upstream.url, init))
    served.publish('a')
    await until(() => b.got.length === 1, 'the follower to see a')
    // The server ends the stream: the leader reconnects and is told to stop.
    served.endAll()
    await Promise.all([a.done, b.done])
    expect(a.got).toEqual(['1 a'])
    expect(b.got).toEqual(['1 a'])
    expect(served.lastEventIds).toHaveLength(2)
  })

  it('events() ends the leading caller with SSEResponseError; the next tries on its own', async () => {
    const served = await startFeed((n) => (n > 1 ? status(401) : undefined))
    feed = served
    const init = { ...served.upstream.init, minRetryDelay: 1, retryDelay: 1, shared: true }
    const a = events(served.upstream.url, init)
    const first = a.next()
    await until(() => served.live === 1, 'the stream')
    const b = events(served.upstream.url, init)
    const second = b.next()
    await new Promise((resolve) => setTimeout(resolve, 20))
    served.publish('a')
    expect((await first).value?.data).toBe('a')
    expect((await second).value?.data).toBe('a')
    // The stream ends; the leader's reconnect is refused, and so is the next caller's.
    served.endAll()
    await expect(a.next()).rejects.toBeInstanceOf(SSEResponseError)
    await expect(b.next()).rejects.toBeInstanceOf(SSEResponseError)
    expect(served.lastEventIds).toEqual([null, '1', '1'])
  })

  it('events() shares only what `shared` keys alike, and parses JSON per caller', async () => {
    const served = await startFeed()
    feed = served
    const base = { ...served.upstream.init, shared: 'a key' }
    const plain = reader(events(served.upstream.url, base))
    await until(() => served.live === 1, 'the stream')
    const parsed = reader(events(served.upstream.url, { ...base, json: true }))
    const other = reader(events(served.upstream.url, { ...base, shared: 'another key' }))
    await until(() => served.live === 2, 'a stream for the other key')
    served.publish('{"n":1}')
    await until(() => [plain, parsed, other].every((r) => r.got.length === 1), 'the event')
    expect(plain.got).toEqual(['1 {"n":1}'])
    expect(parsed.got).toEqual(['1 [object Object]']) // parsed: `data` is an object
    expect(other.got).toEqual(['1 {"n":1}'])
  })
})
