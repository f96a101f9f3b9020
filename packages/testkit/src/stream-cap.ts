import assert from 'node:assert/strict'
import { type EventStreamClient, openEventStream } from './event-stream-client.ts'
import { fetchStats, waitForStats } from './stats.ts'
import type { ConformanceOptions } from './suite-options.ts'

/** Options for {@link addStreamCapTests}. */
export interface StreamCapTestOptions extends ConformanceOptions {
  /** The server's cap on one client's open event streams. */
  max: number
  /**
   * The header the server was told to trust for the client's address (`CLIENT_ADDRESS_HEADER`),
   * whose last entry counts; `undefined` when it trusts none, so no header may change the count.
   */
  trustedHeader?: string | undefined
}

// One per route, in turn: the cap counts every event-stream route together. The last is a reader
// of a generation that runs for the whole test (`startGeneration()` makes it).
const ROUTES = ['/sse?interval=60000', '/events', '/relay?interval=60000', '/generations/']
let generationId = ''

/** Starts the generation the suite reads: 500 chunks 5 s apart, stopped by the suite. */
async function startGeneration(url: string): Promise<string> {
  const response = await fetch(`${url}/generations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chunks: 500, intervalMs: 5000 }),
  })
  assert.equal(response.status, 201, 'POST /generations')
  return ((await response.json()) as { id: string }).id
}

async function stopGeneration(url: string): Promise<void> {
  await (await fetch(`${url}/generations/${generationId}/stop`, { method: 'POST' })).body?.cancel()
}

const routeUrl = (url: string, route: string) =>
  `${url}${route}${route === '/generations/' ? generationId : ''}`

/**
 * Adds the tests of the cap on each client's open event streams, against the app's real HTTP
 * server, from real `fetch` clients on this machine: past `max` streams (across `/sse`, `/events`,
 * `/relay` and a generation's readers) a client gets `429` with `Retry-After`; a forwarded-address header changes
 * nothing unless the server trusts it; a stream closed, or a `HEAD` request, frees its slot.
 * It reads `/stats`, so give it a server of its own.
 *
 * @param options The runner's `test`, the server's base URL, its cap and trusted header.
 *
 * @example Under vitest, on a server started with its default cap of 64
 * ```ts
 * addStreamCapTests({ test, baseUrl: () => server.url, max: 64 })
 * ```
 */
export function addStreamCapTests({
  test,
  baseUrl,
  max,
  trustedHeader,
}: StreamCapTestOptions): void {
  test(`a client's stream past ${max} gets 429 with Retry-After, on every stream route`, async () => {
    const url = baseUrl()
    const { open } = await fetchStats(url)
    generationId = await startGeneration(url)
    const streams = await openStreams(url, max)
    try {
      // The relay reads its upstream ticker in process: one more in /stats, none in the cap.
      const relays = streams.filter((_, n) => n % ROUTES.length === 2).length
      assert.equal((await fetchStats(url)).open, open + max + relays)
      for (const route of ROUTES) await expectRefused(url, route)
      // Whatever address a client claims, untrusted it counts for nothing.
      const claims = trustedHeader === undefined ? ['x-forwarded-for', 'x-real-ip'] : []
      for (const name of claims)
        await expectRefused(url, ROUTES[0] as string, { [name]: '1.2.3.4' })
      // A HEAD request opens no stream; it is refused at the cap like any other.
      await expectRefused(url, '/events', {}, 'HEAD')
      await streams.shift()?.close()
      const freed = await waitForSlot(url)
      await freed.close()
    } finally {
      await Promise.all(streams.map((stream) => stream.close()))
    }
    await waitForStats(url, (stats) => stats.open === open)
    // Every slot is free again.
    const again = await openStreams(url, max)
    await Promise.all(again.map((stream) => stream.close()))
    await stopGeneration(url)
    await waitForStats(url, (stats) => stats.open === open)
  })

  if (trustedHeader !== undefined) {
    test(`each address in a trusted \`${trustedHeader}\` has a cap of its own`, async () => {
      const url = baseUrl()
      const { open } = await fetchStats(url)
      // The proxy appends the address it saw; what the client wrote before it counts for nothing.
      const as = (address: string) => ({ [trustedHeader]: `203.0.113.9, ${address}` })
      generationId = await startGeneration(url)
      const ada = await openStreams(url, max, as('198.51.100.1'))
      const bob = await openStreams(url, max, as('198.51.100.2'))
      try {
        await expectRefused(url, ROUTES[0] as string, as('198.51.100.1'))
        await expectRefused(url, ROUTES[1] as string, as('198.51.100.2'))
      } finally {
        await Promise.all([...ada, ...bob].map((stream) => stream.close()))
        await stopGeneration(url)
      }
      await waitForStats(url, (stats) => stats.open === open)
    })
  }
}

async function openStreams(url: string, count: number, headers: Record<string, string> = {}) {
  const streams: EventStreamClient[] = []
  try {
    for (let n = 0; n < count; n++) {
      const route = ROUTES[n % ROUTES.length] as string
      const stream = await openEventStream(routeUrl(url, route), { headers })
      streams.push(stream)
      assert.equal(stream.response.status, 200, `Stream ${n + 1} of ${count} was refused`)
    }
  } catch (error) {
    await Promise.all(streams.map((stream) => stream.close()))
    throw error
  }
  return streams
}

async function expectRefused(
  url: string,
  route: string,
  headers: Record<string, string> = {},
  method = 'GET',
) {
  const response = await fetch(routeUrl(url, route), { method, headers })
  if (response.status !== 429) {
    // An event stream: its body never ends.
    await response.body?.cancel()
    assert.fail(`${method} ${route} answered ${response.status}, not 429`)
  }
  const text = await response.text()
  const retryAfter = response.headers.get('retry-after') ?? ''
  assert.match(retryAfter, /^[1-9]\d*$/, `Retry-After: ${retryAfter}`)
  if (method !== 'HEAD') assert.match(text, /open event streams/)
}

// The server hears of a closed stream a moment later: until then the client stays at its cap.
async function waitForSlot(url: string): Promise<EventStreamClient> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const stream = await openEventStream(`${url}${ROUTES[1]}`)
    if (stream.response.status === 200) return stream
    await stream.close()
    assert.ok(Date.now() < deadline, 'A closed stream never gave its slot back')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
