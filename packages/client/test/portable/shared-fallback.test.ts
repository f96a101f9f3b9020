import { afterEach, describe, expect, it } from 'vitest'
import { type EventStream, events, type OpenInfo, type ServerEvent } from '../../src/index.ts'
import { type Feed, startFeed } from '../harness/feed.ts'
import { until } from '../harness/timers.ts'

let feed: Feed | undefined
const streams: EventStream<ServerEvent>[] = []
afterEach(async () => {
  await Promise.all(streams.splice(0).map((stream) => stream.return()))
  await feed?.close()
  feed = undefined
})

describe('events() with `shared` where the platform cannot share', () => {
  it('events() reads on its own, one connection per caller, without BroadcastChannel', async () => {
    const served = await startFeed()
    feed = served
    const { BroadcastChannel } = globalThis
    // Workers, Bun and Node 22 lack Web Locks; take BroadcastChannel away on every runtime.
    Object.defineProperty(globalThis, 'BroadcastChannel', { value: undefined, configurable: true })
    const opens: OpenInfo['connection'][] = []
    try {
      const init = {
        ...served.upstream.init,
        shared: true,
        onOpen: ({ connection }: OpenInfo) => void opens.push(connection),
      }
      streams.push(events(served.upstream.url, init), events(served.upstream.url, init))
    } finally {
      Object.defineProperty(globalThis, 'BroadcastChannel', {
        value: BroadcastChannel,
        configurable: true,
        writable: true,
      })
    }
    const firsts = streams.map((stream) => stream.next())
    await until(() => served.live === 2, 'two streams')
    served.publish('a')
    for (const first of firsts)
      expect((await first).value).toEqual({ event: 'message', data: 'a', id: '1' })
    expect(opens).toEqual(['own', 'own'])
  })

  it('events() throws a TypeError naming `shared` when it is neither a boolean nor a string', () => {
    expect(() => events('http://example.test/', { shared: 1 as unknown as boolean })).toThrow(
      'Cannot open the event stream: `shared` must be a boolean or a string',
    )
  })
})
