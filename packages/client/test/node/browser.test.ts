import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CHROMIUM_ARGS } from '@ssekit/testkit/browser'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'

// The built client and its one dependency, served as ES modules with an import map, as a page
// that loads them from a CDN would.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url))
const PARSER = dirname(fileURLToPath(import.meta.resolve('eventsource-parser')))

const PAGE = `<!doctype html>
<script type="importmap">
  { "imports": { "@ssekit/client": "/client/index.js", "eventsource-parser": "/parser/index.js" } }
</script>
<script type="module">
  import { events } from '@ssekit/client'
  const seen = []
  for await (const event of events('/sse', { retryDelay: 50, headers: () => ({ 'x-attempt': String(seen.length) }) })) {
    seen.push({ id: event.id, data: event.data })
    if (seen.length === 3) break
  }
  window.result = seen
</script>`

/** What the server saw: each request's Last-Event-ID and x-attempt, and when the last one closed. */
const requests: { lastEventId: string | undefined; attempt: string | undefined }[] = []
let lastClosed: Promise<void> = Promise.resolve()

function serveSse(request: IncomingMessage, response: ServerResponse): void {
  requests.push({
    lastEventId: request.headers['last-event-id'] as string | undefined,
    attempt: request.headers['x-attempt'] as string | undefined,
  })
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  if (requests.length === 1) {
    // Two events, then the stream ends: the client must reconnect with Last-Event-ID 2.
    response.end('id: 1\ndata: one\n\nid: 2\ndata: two\n\n')
    return
  }
  lastClosed = new Promise((resolve) => response.once('close', resolve))
  response.write('id: 3\ndata: three\n\n')
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
  if (path === '/sse') return serveSse(request, response)
  if (path.startsWith('/client/') || path.startsWith('/parser/')) {
    return void serveFile(path, response).catch(() => response.writeHead(404).end())
  }
  response.writeHead(404).end()
})
let baseUrl = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

test('events() in Chromium reconnects with Last-Event-ID, computes headers per attempt, and a break closes the fetch', async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  })
  try {
    const page = await browser.newPage()
    const failures: string[] = []
    page.on('pageerror', (error) => failures.push(String(error)))
    await page.goto(baseUrl)
    await page.waitForFunction(() => 'result' in window, undefined, { timeout: 10_000 })
    expect(failures).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { result: unknown }).result)).toEqual([
      { id: '1', data: 'one' },
      { id: '2', data: 'two' },
      { id: '3', data: 'three' },
    ])
    expect(requests).toEqual([
      { lastEventId: undefined, attempt: '0' },
      { lastEventId: '2', attempt: '2' },
    ])
    // `break` aborted the fetch: the server sees the second response close while the page lives.
    await lastClosed
  } finally {
    await browser.close()
  }
})
