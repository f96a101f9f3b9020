import assert from 'node:assert/strict'
import { openEventStream } from './event-stream-client.ts'
import { addRelayIdTests } from './relay-ids.ts'
import { fetchStats, waitForStats } from './stats.ts'
import type { ConformanceOptions } from './suite-options.ts'
import { assertTick } from './tick-format.ts'

const HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
}

/**
 * Adds the tests every runtime app must pass, against its real HTTP server: headers, well-formed
 * ticks, an early first byte, a 400 for a bad interval, and a ticker that stops, with `/stats`
 * back at `{"open": 0}`, once the client leaves; `/relay` IDs that stay exact after any
 * `Last-Event-ID` the relay issued, and a gap event for one it never did.
 *
 * @param options The runner's `test` and the server's base URL.
 *
 * @example Under vitest (`bun:test` is the same; see the README for Deno)
 * ```ts
 * import { addConformanceTests, startServer, type RunningServer } from '@ssekit/testkit'
 * import { afterAll, beforeAll, test } from 'vitest'
 *
 * let server: RunningServer
 * beforeAll(async () => {
 *   server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
 * })
 * afterAll(() => server.stop())
 * addConformanceTests({ test, baseUrl: () => server.url })
 * ```
 */
export function addConformanceTests({ test, baseUrl }: ConformanceOptions): void {
  test('GET /stats answers {"open": 0} while no stream is open', async () => {
    const response = await fetch(`${baseUrl()}/stats`)
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/)
    const stats = await response.json()
    assert.equal(stats.open, 0)
    assert.equal(typeof stats.ticks, 'number')
  })

  test('GET /sse answers 200 with the event-stream headers, uncompressed, framed once', async () => {
    // Asking for gzip proves the stream gets through the app's compress() middleware untouched.
    const stream = await openEventStream(`${baseUrl()}/sse`, {
      headers: { 'accept-encoding': 'gzip, deflate' },
    })
    try {
      const { status, headers } = stream.response
      assert.equal(status, 200)
      for (const [name, value] of Object.entries(HEADERS)) assert.equal(headers.get(name), value)
      assert.equal(headers.get('content-encoding'), null)
      assert.equal(headers.get('content-length'), null)
      // The runtime may frame the body as chunked; a second Transfer-Encoding set by the app
      // would show up here as `chunked, chunked` or a value of its own.
      const framing = headers.get('transfer-encoding')
      assert.ok(framing === null || framing === 'chunked', `Transfer-Encoding: ${framing}`)
    } finally {
      await stream.close()
    }
  })

  test('GET /sse?interval=100 sends at least 3 well-formed ticks', async () => {
    const stream = await openEventStream(`${baseUrl()}/sse?interval=100`)
    try {
      const events = await stream.waitForEvents(3)
      for (const event of events) {
        assert.equal(event.event, undefined, 'Ticks are default `message` events')
        assertTick(event.data)
      }
      const times = events.map((event) => Date.parse(event.data))
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
        'Ticks go forward',
      )
    } finally {
      await stream.close()
    }
  })

  test('GET /sse sends its first bytes at once, before the first tick', async () => {
    const started = Date.now()
    const stream = await openEventStream(`${baseUrl()}/sse?interval=2000`)
    try {
      const first = await stream.readChunk()
      const elapsed = Date.now() - started
      assert.ok(first, 'The stream sent nothing')
      assert.equal(stream.events.length, 0, `The first bytes held a tick: ${first}`)
      assert.ok(
        stream.comments.length + stream.retries.length > 0,
        `The first bytes are a comment or a retry line, got ${JSON.stringify(first)}`,
      )
      assert.ok(elapsed < 2000, `The first bytes took ${elapsed} ms, as long as a tick`)
    } finally {
      await stream.close()
    }
  })

  test('GET /sse stops ticking when the client leaves, and /stats returns to {"open": 0}', async () => {
    const url = baseUrl()
    const stream = await openEventStream(`${url}/sse?interval=100`)
    await stream.waitForEvents(2)
    const during = await fetchStats(url)
    assert.ok(during.open >= 1, `/stats counts the open stream: ${JSON.stringify(during)}`)
    await stream.close()
    const after = await waitForStats(url, (stats) => stats.open === 0)
    // Ten intervals later the ticker must not have produced a single tick.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const later = await fetchStats(url)
    assert.equal(later.open, 0)
    assert.equal(later.ticks, after.ticks, 'The ticker kept producing after the client left')
  })

  test('HEAD /sse answers the headers alone and leaves no stream open', async () => {
    const url = baseUrl()
    const before = await fetchStats(url)
    const response = await fetch(`${url}/sse?interval=100`, { method: 'HEAD' })
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), HEADERS['content-type'])
    await waitForStats(url, (stats) => stats.open === 0)
    await new Promise((resolve) => setTimeout(resolve, 500))
    const later = await fetchStats(url)
    assert.equal(later.open, 0)
    assert.equal(later.ticks, before.ticks, 'A HEAD request started the ticker')
  })

  for (const interval of ['abc', '10', '60001', '']) {
    test(`GET /sse?interval=${interval} answers 400 naming \`interval\``, async () => {
      const response = await fetch(`${baseUrl()}/sse?interval=${interval}`)
      assert.equal(response.status, 400)
      assert.match(await response.text(), /interval/)
    })
  }

  test('GET / serves the live page', async () => {
    const response = await fetch(`${baseUrl()}/`)
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/)
    assert.match(await response.text(), /EventSource/)
  })

  addRelayIdTests({ test, baseUrl })
}
