import assert from 'node:assert/strict'
import { openEventStream } from './event-stream-client.ts'
import { waitForStats } from './stats.ts'
import type { ConformanceOptions } from './suite-options.ts'
import { assertTick } from './tick-format.ts'

/** How many ticks each test reads. */
const TICKS = 3

// IDs a relay counting in `Number`s gets wrong: 2^53 + 1 rounds to 2^53, and from 2^53 on, or
// from Infinity, adding one gives the same ID again.
const LARGE_IDS: Record<string, readonly string[]> = {
  '41': ['42', '43', '44'],
  '9007199254740991': ['9007199254740992', '9007199254740993', '9007199254740994'],
  '9007199254740993': ['9007199254740994', '9007199254740995', '9007199254740996'],
  '18446744073709551615': ['18446744073709551616', '18446744073709551617', '18446744073709551618'],
}

// Not one of the relay's IDs (1, 2, 3… in decimal), whatever `Number()` makes of them.
const UNREADABLE_IDS = [
  'Infinity',
  '-1',
  '1e3',
  '1.5',
  '007',
  '0x10',
  'abc',
  `1${'0'.repeat(1100)}`,
]

/**
 * The `/relay` part of the conformance suite: a client resuming with `Last-Event-ID` gets the
 * exact next IDs however large the number, and one with an ID the relay never issued gets the
 * `ssekit-gap` event naming it, then ticks counted from 1. @internal
 */
export function addRelayIdTests({ test, baseUrl }: ConformanceOptions): void {
  for (const [lastId, expected] of Object.entries(LARGE_IDS)) {
    test(`GET /relay after Last-Event-ID ${lastId} counts on exactly: ${expected.join(', ')}`, async () => {
      const events = await readRelay(baseUrl(), lastId)
      assert.deepEqual(
        events.map((event) => [event.event, event.id]),
        expected.map((id) => ['tick', id]),
      )
    })
  }

  for (const lastId of UNREADABLE_IDS) {
    const shown = lastId.length > 20 ? `${lastId.slice(0, 12)}… (${lastId.length} digits)` : lastId
    test(`GET /relay after Last-Event-ID ${shown} sends ssekit-gap naming it, then counts from 1`, async () => {
      const [gap, ...ticks] = await readRelay(baseUrl(), lastId, TICKS + 1)
      assert.equal(gap?.event, 'ssekit-gap', 'The gap event comes first')
      assert.equal(gap?.id, undefined, 'The gap event leaves the last event ID alone')
      assert.deepEqual(JSON.parse(gap?.data ?? ''), { lastEventId: lastId.slice(0, 1024) })
      assert.deepEqual(
        ticks.map((event) => [event.event, event.id]),
        ['1', '2', '3'].map((id) => ['tick', id]),
      )
    })
  }

  test('GET /relay: a fresh client gets no gap event, and /stats returns to {"open": 0}', async () => {
    const url = baseUrl()
    const events = await readRelay(url, undefined)
    assert.deepEqual(
      events.map((event) => [event.event, event.id]),
      ['1', '2', '3'].map((id) => ['tick', id]),
    )
    await waitForStats(url, (stats) => stats.open === 0)
  })
}

async function readRelay(url: string, lastId: string | undefined, count = TICKS) {
  const headers: Record<string, string> = lastId === undefined ? {} : { 'last-event-id': lastId }
  const stream = await openEventStream(`${url}/relay?interval=50`, { headers })
  try {
    const events = (await stream.waitForEvents(count)).slice(0, count)
    for (const event of events) if (event.event === 'tick') assertTick(event.data)
    return events
  } finally {
    await stream.close()
  }
}
