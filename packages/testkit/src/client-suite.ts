import assert from 'node:assert/strict'
import { publishChat, uniqueName } from './feed-client.ts'
import { fetchStats, waitForStats } from './stats.ts'
import type { ConformanceOptions } from './suite-options.ts'
import { startTcpProxy } from './tcp-proxy.ts'
import { assertTick } from './tick-format.ts'

/**
 * The part of `@ssekit/client`'s `events()` this suite uses. The app passes the real one in, so
 * the testkit, which the client's own tests use, does not depend on the client.
 */
export type ClientEvents = (
  input: string,
  init?: {
    json?: boolean
    retryDelay?: number
    maxRetryDelay?: number
    headers?: (attempt: { attempt: number }) => Promise<Record<string, string>>
    fetch?: (request: Request) => Promise<Response>
    onRetry?: (info: { attempt: number; delay: number; error: unknown }) => void
  },
) => AsyncIterableIterator<{ event: string; data: unknown; id: string }> & {
  return(): Promise<unknown>
}

/** Options for {@link addClientTests}. */
export interface ClientTestOptions extends ConformanceOptions {
  /** `events` from `@ssekit/client`. */
  events: ClientEvents
  /** Stops the server and starts it again on the same port; `baseUrl()` stays valid. */
  restart: () => Promise<void>
}

type Chat = { from: string; text: string; at: string }

/** A `fetch` for the client that tells when a response has arrived: the feed is subscribed. */
function watchedFetch() {
  let arrived = () => {}
  const connected = new Promise<void>((resolve) => {
    arrived = resolve
  })
  const fetchAndTell = async (request: Request) => {
    const response = await fetch(request)
    arrived()
    return response
  }
  return { fetch: fetchAndTell, connected }
}

/**
 * Adds the tests that run `@ssekit/client` against the app's real server: the ticker, the
 * `/relay` route (whose upstream stops when its client leaves), the feed with typed JSON, a
 * dropped connection that resumes the feed without a gap, and a server restart the client rides
 * out. The server must be this suite's alone: it reads `/stats`.
 *
 * @param options The runner's `test`, the server's base URL, and how to restart it.
 *
 * @example Under vitest
 * ```ts
 * let server: RunningServer
 * const start = (port?: number) => startServer({ command: process.execPath, args: ['src/main.ts'], port })
 * beforeAll(async () => { server = await start() })
 * afterAll(() => server.stop())
 * const restart = async () => {
 *   await server.stop()
 *   server = await start(server.port)
 * }
 * addClientTests({ test, baseUrl: () => server.url, restart, events })
 * ```
 */
export function addClientTests({ test, baseUrl, restart, events }: ClientTestOptions): void {
  test('@ssekit/client reads 3 ticks from GET /sse; `break` closes the server stream', async () => {
    const url = baseUrl()
    const ticks: string[] = []
    for await (const tick of events(`${url}/sse?interval=100`)) {
      assert.equal(tick.event, 'message')
      assertTick(String(tick.data))
      if (ticks.push(String(tick.data)) === 3) break
    }
    await waitForStats(url, (stats) => stats.open === 0)
  })

  test('GET /relay sends `event: tick` with ids; when its client leaves, /stats returns to {"open": 0}', async () => {
    const url = baseUrl()
    const seen: string[] = []
    for await (const tick of events(`${url}/relay?interval=100`)) {
      assert.equal(tick.event, 'tick')
      assertTick(String(tick.data))
      seen.push(tick.id)
      if (seen.length === 2) {
        const during = await fetchStats(url)
        assert.ok(
          during.open >= 2,
          `The relay and its upstream ticker are open: ${JSON.stringify(during)}`,
        )
      }
      if (seen.length === 3) break
    }
    assert.deepEqual(seen, ['1', '2', '3'])
    const after = await waitForStats(url, (stats) => stats.open === 0)
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.equal((await fetchStats(url)).ticks, after.ticks, 'The upstream ticker kept ticking')
  })

  test('@ssekit/client reads the feed as typed JSON, with the ids the server gave', async () => {
    const url = baseUrl()
    const me = uniqueName('client')
    const watched = watchedFetch()
    const stream = events(`${url}/events`, { json: true, fetch: watched.fetch })
    const first = stream.next()
    await watched.connected
    const ids = [await publishChat(url, me, 'one'), await publishChat(url, me, 'two')]
    const got: [string, string][] = []
    for (let step = await first; !step.done; step = await stream.next()) {
      const chat = step.value.data as Chat
      if (step.value.event === 'chat' && chat.from === me) got.push([step.value.id, chat.text])
      if (got.length === 2) break
    }
    await stream.return()
    assert.deepEqual(got, [
      [ids[0], 'one'],
      [ids[1], 'two'],
    ])
  })

  test('a dropped connection resumes the feed from Last-Event-ID without a gap', async () => {
    const url = baseUrl()
    const me = uniqueName('drop')
    const proxy = await startTcpProxy(Number(new URL(url).port))
    // Reconnects wait at this gate, so the missed events are published while the client is away.
    let openGate = () => {}
    const gate = new Promise<void>((resolve) => {
      openGate = resolve
    })
    const retries: unknown[] = []
    const watched = watchedFetch()
    const stream = events(`${proxy.url}/events`, {
      json: true,
      fetch: watched.fetch,
      headers: async ({ attempt }) => {
        if (attempt > 1) await gate
        return {}
      },
      onRetry: (info) => retries.push(info),
    })
    const texts: string[] = []
    const read = async (until: string) => {
      for (let step = await stream.next(); !step.done; step = await stream.next()) {
        assert.notEqual(step.value.event, 'ssekit-gap', 'The server had every missed event')
        const chat = step.value.data as Chat
        if (step.value.event === 'chat' && chat.from === me) texts.push(chat.text)
        if (texts.at(-1) === until) return
      }
      assert.fail('The stream ended')
    }
    try {
      const reading = read('before')
      await watched.connected
      await publishChat(url, me, 'before')
      await reading
      proxy.cut()
      const resumed = read('after')
      await publishChat(url, me, 'away-1')
      await publishChat(url, me, 'away-2')
      openGate()
      await new Promise((resolve) => setTimeout(resolve, 50))
      await publishChat(url, me, 'after')
      await resumed
    } finally {
      openGate()
      await stream.return()
      await proxy.close()
    }
    assert.deepEqual(texts, ['before', 'away-1', 'away-2', 'after'])
    assert.ok(retries.length >= 1, 'The client reconnected')
  })

  test('@ssekit/client rides out a server restart and keeps reading ticks', async () => {
    let retries = 0
    const stream = events(`${baseUrl()}/sse?interval=100`, {
      retryDelay: 100,
      maxRetryDelay: 1000,
      onRetry: () => void retries++,
    })
    try {
      const before = await stream.next()
      assert.equal(before.done, false)
      await restart()
      let after: unknown
      for (let step = await stream.next(); !step.done; step = await stream.next()) {
        // Ticks buffered from the old server come first; the drop is noticed after them.
        if (retries > 0) {
          after = step.value.data
          break
        }
      }
      assert.ok(after, 'No tick arrived after the restart')
      assertTick(String(after))
    } finally {
      await stream.return()
    }
  })
}
