import assert from 'node:assert/strict'
import { openEventStream } from './event-stream-client.ts'
import { chatsFrom, publishChat, uniqueName } from './feed-client.ts'
import { type MetricFamily, metricValue, scrapeMetrics } from './prometheus.ts'
import type { ConformanceOptions } from './suite-options.ts'

/** Options for {@link addMetricsTests}: the runner, and a server of the suite's own. */
export type MetricsTestOptions = ConformanceOptions

/** The names every app's `/metrics` must serve, with their Prometheus types. */
const REQUIRED = {
  ssekit_streams_open: 'GAUGE',
  ssekit_streams_opened_total: 'COUNTER',
  ssekit_events_sent_total: 'COUNTER',
  ssekit_bytes_sent_total: 'COUNTER',
  ssekit_slow_consumer_disconnects_total: 'COUNTER',
} as const

async function value(url: string, name: keyof typeof REQUIRED): Promise<number> {
  const found = metricValue(await scrapeMetrics(`${url}/metrics`), name)
  assert.notEqual(found, undefined, `/metrics has no ${name}`)
  return found as number
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Adds the `/metrics` tests, against the app's real HTTP server: the Prometheus text has the
 * required names and types, and they follow known traffic on `/events`: three streams open give
 * `ssekit_streams_open 3`, ten posts to them raise `ssekit_events_sent_total` by 30 and
 * `ssekit_bytes_sent_total` by the bytes the clients read, and once everyone left the gauge is
 * back to 0. The server must be this suite's alone: no other stream may open meanwhile.
 *
 * @param options The runner's `test` and the server's base URL.
 *
 * @example Under vitest
 * ```ts
 * addMetricsTests({ test, baseUrl: () => server.url })
 * ```
 */
export function addMetricsTests({ test, baseUrl }: MetricsTestOptions): void {
  test('GET /metrics serves the required names as Prometheus text, with their types', async () => {
    const families: MetricFamily[] = await scrapeMetrics(`${baseUrl()}/metrics`)
    for (const [name, type] of Object.entries(REQUIRED)) {
      const family = families.find((candidate) => candidate.name === name)
      assert.equal(family?.type, type, `${name} is a ${type}`)
    }
  })

  test('three streams open → 3; ten posts to them → events up by 30; all gone → 0', async () => {
    const url = baseUrl()
    const openedBefore = await value(url, 'ssekit_streams_opened_total')
    const streams = await Promise.all([1, 2, 3].map(() => openEventStream(`${url}/events`)))
    try {
      // Each stream is registered once its own drop token arrived.
      for (const stream of streams) await stream.waitForEvents(1)
      assert.equal(await value(url, 'ssekit_streams_open'), 3)
      assert.equal(await value(url, 'ssekit_streams_opened_total'), openedBefore + 3)
      const events = await value(url, 'ssekit_events_sent_total')
      const bytes = await value(url, 'ssekit_bytes_sent_total')
      const read = streams.map((stream) => stream.bytes)
      const me = uniqueName('metrics')
      for (let n = 1; n <= 10; n++) await publishChat(url, me, `post ${n}`)
      for (const stream of streams) {
        await stream.waitUntil(() => chatsFrom(stream.events, me).length >= 10, '10 chats')
      }
      assert.equal(await value(url, 'ssekit_events_sent_total'), events + 30)
      const received = streams.reduce(
        (total, stream, n) => total + stream.bytes - (read[n] ?? 0),
        0,
      )
      assert.equal(await value(url, 'ssekit_bytes_sent_total'), bytes + received)
    } finally {
      await Promise.all(streams.map((stream) => stream.close()))
    }
    await until(async () => (await value(url, 'ssekit_streams_open')) === 0, 'no open stream')
  })
}
