import assert from 'node:assert/strict'
import { fetchStats, waitForStats } from './stats.ts'
import type { ConformanceOptions } from './suite-options.ts'

/**
 * The `HEAD /events` part of the feed suite. It runs first, on a server no stream was opened on
 * yet: workerd under wrangler dev notices a quiet client only at its next heartbeat, so streams
 * closed by earlier tests could still count. @internal
 */
export function addFeedHeadTests({ test, baseUrl }: ConformanceOptions): void {
  test('many HEAD /events answer the headers alone and leave /stats at {"open": 0}', async () => {
    const url = baseUrl()
    await waitForStats(url, (stats) => stats.open === 0)
    const heads = Array.from({ length: 25 }, (_, n) =>
      fetch(`${url}/events`, {
        method: 'HEAD',
        headers: n % 2 ? { 'last-event-id': 'x'.repeat(n * 60) } : {},
      }),
    )
    for (const response of await Promise.all(heads)) {
      assert.equal(response.status, 200)
      assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8')
      assert.equal(await response.text(), '')
    }
    assert.equal((await fetchStats(url)).open, 0, 'A HEAD request left a subscriber')
    // A leaked subscriber would show at once; give a runtime that closes late a beat to show it.
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.equal((await fetchStats(url)).open, 0, 'A HEAD request left a subscriber')
  })
}
