import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { uniqueName } from './feed-client.ts'
import { serverSocketState } from './server-socket.ts'
import { fetchStats, waitForStats } from './stats.ts'
import type { ConformanceOptions } from './suite-options.ts'

/** Options for {@link addSlowConsumerTests}. */
export interface SlowConsumerTestOptions extends ConformanceOptions {
  /**
   * Why this runtime cannot close a connection whose writes are stuck, when it cannot: the
   * test then asserts that it still holds the socket while the client reads nothing (and goes
   * red, so the entry can go, once the runtime can), and that it closes once the client reads.
   * @defaultValue none: the server lets go of the socket while the client still reads nothing
   */
  holdsStuckSocket?: string | undefined
}

// 1000 emoji, 4000 bytes: near the largest post the feed takes, to fill the buffers in few posts.
const TEXT = '\u{1F600}'.repeat(1000)
// Kernel buffers on loopback take a few MiB before the server's writes stall: ample room.
const MAX_POSTS = 10_000
const PARALLEL = 16
// Long enough for a runtime whose idle timers tick every few seconds.
const CLOSE_WITHIN_MS = 15_000

/**
 * Adds the slow-consumer test: a client that subscribes to `/events` and never reads, while the
 * test publishes until the feed gives up on it (its `/stats` stream closes), must lose its TCP
 * connection too, not only its stream: the server lets go of the socket while the client still
 * reads nothing, and the client, reading at last, finds the connection closed rather than kept
 * alive. It reads `/stats` and the kernel's socket table (Linux).
 *
 * @param options The runner's `test`, the server's base URL, and the runtime's known limit.
 *
 * @example Under vitest, on the feed suite's server
 * ```ts
 * addSlowConsumerTests({ test, baseUrl: () => server.url })
 * ```
 */
export function addSlowConsumerTests({
  test,
  baseUrl,
  holdsStuckSocket,
}: SlowConsumerTestOptions): void {
  const name = holdsStuckSocket
    ? `GET /events: a slow consumer's connection closes once it reads again (${holdsStuckSocket})`
    : "GET /events: a slow consumer's stream ends with its TCP connection, while it reads nothing"
  test(name, async () => {
    const url = baseUrl()
    const { open } = await fetchStats(url)
    const { port } = new URL(url)
    const client = await subscribeWithoutReading(url)
    try {
      await waitForStats(url, (stats) => stats.open === open + 1)
      const clientPort = client.socket.localPort as number
      // Seen in the table first, so that its absence later means the server let go of it.
      const before = await serverSocketState(Number(port), clientPort)
      assert.equal(before, 'ESTABLISHED', 'The server side of the connection is not in the table')
      await publishUntilDropped(url, open)
      if (holdsStuckSocket === undefined) {
        await waitForSocket(Number(port), clientPort, (state) => state !== 'ESTABLISHED')
      } else {
        await new Promise((resolve) => setTimeout(resolve, 2000))
        const state = await serverSocketState(Number(port), clientPort)
        assert.equal(state, 'ESTABLISHED', `Now ${state}: the runtime can close it, drop the limit`)
      }
      // Reading at last: what was buffered arrives, then the end, not a connection kept alive.
      assert.ok(await client.readToEnd(CLOSE_WITHIN_MS), 'The server kept the connection open')
    } finally {
      client.socket.destroy()
    }
  })
}

async function subscribeWithoutReading(url: string) {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  // Whichever comes: the server's FIN, its reset, or the socket closing.
  const ended = new Promise<true>((resolve) => {
    for (const event of ['end', 'close', 'error']) socket.once(event, () => resolve(true))
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  // No 'data' listener and paused: nothing is read, so the kernel's buffers fill and stay full.
  socket.pause()
  socket.write(`GET /events HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`)
  /** Reads all that comes; true once the connection ended, false if it outlived `timeoutMs`. */
  const readToEnd = (timeoutMs: number): Promise<boolean> => {
    socket.on('data', () => {})
    socket.resume()
    const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs))
    return Promise.race([ended, late])
  }
  return { socket, readToEnd }
}

// Publishes big posts until the feed drops the stream that never reads: /stats counts it out.
async function publishUntilDropped(url: string, open: number) {
  const from = uniqueName('slow')
  const body = JSON.stringify({ from, text: TEXT })
  for (let posts = 0; posts < MAX_POSTS; posts += PARALLEL) {
    const batch = Array.from({ length: PARALLEL }, async () => {
      const response = await fetch(`${url}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      assert.equal(response.status, 201, await response.text())
    })
    await Promise.all(batch)
    if ((await fetchStats(url)).open <= open) return
  }
  assert.fail(`The feed kept a client that read nothing through ${MAX_POSTS} posts of 4 kB`)
}

async function waitForSocket(
  serverPort: number,
  clientPort: number,
  done: (state: string | undefined) => boolean,
) {
  const deadline = Date.now() + CLOSE_WITHIN_MS
  let state = await serverSocketState(serverPort, clientPort)
  while (!done(state)) {
    assert.ok(Date.now() < deadline, `The server still holds the socket (${state})`)
    await new Promise((resolve) => setTimeout(resolve, 100))
    state = await serverSocketState(serverPort, clientPort)
  }
}
