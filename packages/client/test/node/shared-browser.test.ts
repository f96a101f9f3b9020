import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CHROMIUM_ARGS } from '@ssekit/testkit/browser'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'

// The built client and its one dependency, served as ES modules with an import map.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url))
const PARSER = dirname(fileURLToPath(import.meta.resolve('eventsource-parser')))

// Each page reads /sse in shared mode and records every event and whose connection it follows.
const PAGE = `<!doctype html>
<script type="importmap">
  { "imports": { "@ssekit/client": "/client/index.js", "eventsource-parser": "/parser/index.js" } }
</script>
<script type="module">
  import { events } from '@ssekit/client'
  window.seen = []
  window.role = ''
  const onOpen = ({ connection }) => { window.role = connection }
  for await (const event of events('/sse', { shared: true, onOpen })) {
    window.seen.push(event.id + ' ' + event.data)
  }
</script>`

/**
 * A feed as a channel serves it: a fresh stream gets an `id:` anchor at the latest event, a
 * stream with Last-Event-ID the events after it, then every stream the live events. New streams
 * can be held at the door, so events are published while no tab holds a connection.
 */
const log: string[] = []
const live = new Set<ServerResponse>()
const lastEventIds: (string | undefined)[] = []
// When each stream was asked for (performance.now()), to time the hand-offs.
const askedAt: number[] = []
// The "within about a second": no timer stands between a lost lock and the next leader's
// request, so this holds with room on a loaded machine.
const HAND_OFF_MS = 1000
let door: Promise<void> = Promise.resolve()

async function serveSse(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const after = request.headers['last-event-id'] as string | undefined
  lastEventIds.push(after)
  askedAt.push(performance.now())
  await door
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  // The first bytes at once, as every ssekit stream sends them: the response head goes with them.
  response.write(':\n\n')
  const from = after === undefined ? log.length : Number(after)
  if (after === undefined && log.length > 0) response.write(`id: ${log.length}\n\n`)
  for (let n = from; n < log.length; n++) response.write(`id: ${n + 1}\ndata: ${log[n]}\n\n`)
  live.add(response)
  response.once('close', () => live.delete(response))
}

function publish(text: string): void {
  log.push(text)
  for (const response of live) response.write(`id: ${log.length}\ndata: ${text}\n\n`)
}

async function serveFile(path: string, response: ServerResponse): Promise<void> {
  const [root, rest] = path.startsWith('/client/') ? [DIST, path.slice(8)] : [PARSER, path.slice(8)]
  const file = normalize(join(root, rest))
  if (!file.startsWith(root)) return void response.writeHead(404).end()
  response.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(file))
}

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://x').pathname
  if (path === '/') return void response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE)
  if (path === '/sse') return void serveSse(request, response)
  if (path.startsWith('/client/') || path.startsWith('/parser/')) {
    return void serveFile(path, response).catch(() => response.writeHead(404).end())
  }
  response.writeHead(404).end()
})
let baseUrl = ''
let browser: Browser
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  })
})
// A test that fails midway leaves its context open and maybe the door shut: close the one, and
// its streams, and open the other before the next test.
afterEach(async () => {
  door = Promise.resolve()
  lastEventIds.length = 0
  askedAt.length = 0
  for (const context of browser?.contexts() ?? []) await context.close()
  await expect.poll(() => live.size).toBe(0)
})
afterAll(async () => {
  await browser?.close()
  server.closeAllConnections()
  server.close()
})

const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: string[] }).seen)
const role = (page: Page) => page.evaluate(() => (window as unknown as { role: string }).role)

async function open(context: BrowserContext, expectedRole: string): Promise<Page> {
  const page = await context.newPage()
  const failures: string[] = []
  page.on('pageerror', (error) => failures.push(String(error)))
  await page.goto(baseUrl)
  await expect.poll(() => role(page), { timeout: 10_000 }).toBe(expectedRole)
  expect(failures).toEqual([])
  return page
}

async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  await expect.poll(done, { timeout: 10_000, message: what }).toBe(true)
}

test('events(url, { shared: true }) in Chromium: one connection for three tabs, handed over with nothing lost or doubled', async () => {
  const context = await browser.newContext()
  const first = await open(context, 'leader')
  publish('before the others')
  await until(async () => (await seen(first)).length === 1, 'the first page to see an event')
  const others = [await open(context, 'follower'), await open(context, 'follower')]
  expect(live.size).toBe(1)
  expect(lastEventIds).toEqual([undefined])

  // The leader's tab closes; the next tab's request waits at the door while two events are
  // published, so they can only reach the tabs through its resume.
  let openDoor = () => {}
  door = new Promise((resolve) => {
    openDoor = resolve
  })
  const closedAt = performance.now()
  await first.close()
  await until(() => live.size === 0 && lastEventIds.length === 2, 'the next tab to ask')
  expect((askedAt[1] ?? Number.POSITIVE_INFINITY) - closedAt).toBeLessThan(HAND_OFF_MS)
  publish('while nobody held the stream')
  publish('still nobody')
  openDoor()
  publish('after the hand-off')
  const all = ['2 while nobody held the stream', '3 still nobody', '4 after the hand-off']
  for (const page of others) await until(async () => (await seen(page)).length === 3, 'three')
  for (const page of others) expect(await seen(page)).toEqual(all)
  // The new leader resumed from the anchor it was told of when it joined.
  expect(lastEventIds).toEqual([undefined, '1'])
  expect(live.size).toBe(1)
  expect((await Promise.all(others.map(role))).sort()).toEqual(['follower', 'leader'])

  // The new leader's renderer crashes: the browser releases its lock all the same.
  const [leader, last] = (await role(others[0] as Page)) === 'leader' ? others : others.reverse()
  const cdp = await context.newCDPSession(leader as Page)
  const crashedAt = performance.now()
  void cdp.send('Page.crash').catch(() => {})
  await until(() => lastEventIds.length === 3, 'the last tab to take over')
  expect((askedAt[2] ?? Number.POSITIVE_INFINITY) - crashedAt).toBeLessThan(HAND_OFF_MS)
  await until(() => live.size === 1, 'one stream again')
  publish('after the crash')
  await until(async () => (await seen(last as Page)).length === 4, 'the last tab to see it')
  expect(await seen(last as Page)).toEqual([...all, '5 after the crash'])
  expect(lastEventIds).toEqual([undefined, '1', '4'])
  await context.close()
  await until(() => live.size === 0, 'every stream closed with the context')
})

test('events(url, { shared: true }) without Web Locks: one connection per caller', async () => {
  const context = await browser.newContext()
  await context.addInitScript(() => {
    // As in a browser that has BroadcastChannel but no Web Locks.
    delete (Navigator.prototype as { locks?: unknown }).locks
  })
  const pages = [await open(context, 'own'), await open(context, 'own')]
  expect(live.size).toBe(2)
  publish('to each on its own')
  for (const page of pages) {
    await until(async () => (await seen(page)).length === 1, 'the event')
    expect(await seen(page)).toEqual([`${log.length} to each on its own`])
  }
  await context.close()
})
