import { type CloseReason, encode } from '@ssekit/core'
import { describe, expect, it } from 'vitest'
import { compareTimeOrderedIds, FanOut, type ReplaySource } from '../../src/backend.ts'
import { GAP_EVENT, type StoredEvent } from '../../src/index.ts'
import { eventsRequest, following } from './requests.ts'

const encoder = new TextEncoder()
const event = (id: string, data = id): StoredEvent => ({
  id,
  topic: 'default',
  bytes: encoder.encode(encode({ id, data })),
})

/** A remote log: replays read the whole of `log` after the ID, as a Redis XRANGE would. */
function logSource(log: StoredEvent[]): ReplaySource {
  return {
    readAfter: async (id) => {
      const at = log.findIndex((stored) => stored.id === id)
      return at < 0
        ? { events: log, complete: false }
        : { events: log.slice(at + 1), complete: true }
    },
    latestId: () => log.at(-1)?.id,
  }
}

describe('compareTimeOrderedIds()', () => {
  it('orders <ms>-<seq> IDs as numbers of any size', async () => {
    expect(compareTimeOrderedIds('9-0', '10-0')).toBeLessThan(0)
    expect(compareTimeOrderedIds('10-2', '10-10')).toBeLessThan(0)
    expect(compareTimeOrderedIds('10-0', '9-99')).toBeGreaterThan(0)
    expect(compareTimeOrderedIds('7-3', '7-3')).toBe(0)
    const huge = '18446744073709551615'
    expect(compareTimeOrderedIds(`1-${huge}`, `2-0`)).toBeLessThan(0)
    expect(compareTimeOrderedIds(`1-${huge}`, `1-18446744073709551614`)).toBeGreaterThan(0)
  })

  it('answers NaN for anything else', async () => {
    for (const bad of ['', '1', '1-', '-1', '01-0', '1-0-0', 'a-b']) {
      expect(compareTimeOrderedIds(bad, '1-0')).toBeNaN()
    }
  })
})

describe('FanOut with compareIds', () => {
  it('sends each event once when the live feed lags behind the replay', async () => {
    const log = ['1-0', '2-0', '3-0', '4-0', '5-0'].map((id) => event(id))
    const fanOut = new FanOut(logSource(log), {
      compareIds: compareTimeOrderedIds,
      heartbeat: false,
    })
    // The client already has 2-0; the replay reads 3-0..5-0, while the process's reader is still
    // delivering 1-0..5-0 (it lags), then goes on with 6-0.
    const client = following(fanOut.subscribe(eventsRequest('2-0')))
    for (const stored of log) fanOut.deliver(stored)
    fanOut.deliver(event('6-0'))
    await client.waitForEvents(4)
    fanOut.deliver(event('4-0'))
    fanOut.deliver(event('7-0'))
    await client.waitForEvents(5)
    fanOut.close()
    await client.follow()
    expect(client.events.map((received) => received.id)).toEqual([
      '3-0',
      '4-0',
      '5-0',
      '6-0',
      '7-0',
    ])
  })

  it('without compareIds, dedupes only what the replay held', async () => {
    const log = ['1-0', '2-0', '3-0'].map((id) => event(id))
    const fanOut = new FanOut(logSource(log), { heartbeat: false })
    const client = following(fanOut.subscribe(eventsRequest('2-0')))
    fanOut.deliver(log[2] as StoredEvent)
    fanOut.deliver(event('4-0'))
    await client.waitForEvents(2)
    fanOut.close()
    await client.follow()
    expect(client.events.map((received) => received.id)).toEqual(['3-0', '4-0'])
  })
})

describe('FanOut replays', () => {
  it('hand readAfter a signal that aborts when the subscriber leaves mid-read', async () => {
    const signals: AbortSignal[] = []
    const fanOut = new FanOut(
      {
        // A read that waits, as a backend waiting for its server to come back does.
        readAfter: (_id, _topics, signal) => {
          signals.push(signal)
          return new Promise((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
          )
        },
        latestId: () => undefined,
      },
      { heartbeat: false },
    )
    const client = following(fanOut.subscribe(eventsRequest('1-0')))
    expect(signals.map((signal) => signal.aborted)).toEqual([false])
    await client.cancel()
    expect(signals.map((signal) => signal.aborted)).toEqual([true])
    expect(fanOut.size).toBe(0)
    fanOut.close()
  })
})

describe('FanOut replayFailure', () => {
  const unreachable: ReplaySource = {
    readAfter: async () => {
      throw new Error('the log is out of reach')
    },
    latestId: () => undefined,
  }

  it("by default ('gap') sends the gap event when a replay cannot be read, then goes live", async () => {
    const logged = console.error
    console.error = () => {}
    try {
      const fanOut = new FanOut(unreachable, { heartbeat: false })
      const client = following(fanOut.subscribe(eventsRequest('7-0')))
      await client.waitForEvents(1)
      expect(client.events[0]?.event).toBe(GAP_EVENT)
      fanOut.deliver(event('8-0'))
      await client.waitForEvents(2)
      fanOut.close()
    } finally {
      console.error = logged
    }
  })

  it('with { retry } ends the stream with that hint instead, so the client comes back for it', async () => {
    const logged = console.error
    console.error = () => {}
    try {
      const fanOut = new FanOut(unreachable, { heartbeat: false, replayFailure: { retry: 1_500 } })
      const reasons: CloseReason[] = []
      const client = following(
        fanOut.subscribe(eventsRequest('7-0'), { onClose: (reason) => reasons.push(reason) }),
      )
      await client.follow()
      expect(client.events).toEqual([])
      expect(client.retries).toEqual([1_500])
      expect(reasons).toEqual(['server'])
      expect(fanOut.size).toBe(0)
    } finally {
      console.error = logged
    }
  })

  it('refuses a replayFailure that is neither gap nor a retry', async () => {
    expect(() => new FanOut(unreachable, { replayFailure: { retry: -1 } })).toThrow(RangeError)
  })
})

describe('FanOut.disconnectAll()', () => {
  it('ends every stream with a retry hint and keeps taking subscribers', async () => {
    const fanOut = new FanOut(logSource([]), { heartbeat: false })
    const reasons: CloseReason[] = []
    const clients = [1, 2].map(() =>
      following(fanOut.subscribe(eventsRequest(), { onClose: (reason) => reasons.push(reason) })),
    )
    fanOut.disconnectAll({ retry: 2_500 })
    for (const client of clients) {
      await client.follow()
      expect(client.retries).toEqual([2_500])
    }
    expect(reasons).toEqual(['server', 'server'])
    expect(fanOut.size).toBe(0)
    const later = following(fanOut.subscribe(eventsRequest()))
    fanOut.deliver(event('1-0'))
    await later.waitForEvents(1)
    expect(fanOut.size).toBe(1)
    fanOut.close()
    expect(fanOut.subscribe(eventsRequest()).status).toBe(204)
  })

  it('refuses a retry that is not a non-negative safe integer, naming it', async () => {
    const fanOut = new FanOut(logSource([]))
    expect(() => fanOut.disconnectAll({ retry: -1 })).toThrow(
      new RangeError(
        'Cannot disconnect: option `retry` must be a non-negative safe integer, got -1',
      ),
    )
  })
})
