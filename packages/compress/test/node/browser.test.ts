import { type SSESink, sseResponse } from '@ssekit/core'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compression } from '../../src/index.ts'
import { type Served, serve } from '../harness/serve.ts'

// Chromium's EventSource over a real socket: each posted event must fire before the next is sent.
const PAGE = `<!doctype html><script>
  window.received = []
  const source = new EventSource('/sse' + location.search)
  source.addEventListener('chat', (event) => window.received.push(JSON.parse(event.data).n))
</script>`

let browser: Browser
let server: Served
const sinks: SSESink[] = []
const seen: { accept: string | null; coding: string | null }[] = []

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  })
  server = await serve((request) => {
    const url = new URL(request.url)
    if (url.pathname !== '/sse')
      return new Response(PAGE, { headers: { 'content-type': 'text/html' } })
    const coding = url.searchParams.get('coding') ?? 'gzip'
    const compress = compression(request, { encodings: [coding as 'gzip' | 'br'] })
    seen.push({ accept: request.headers.get('accept-encoding'), coding: compress.encoding })
    return sseResponse((sink) => void sinks.push(sink), { signal: request.signal, compress })
  })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe.each(['br', 'gzip'])('Chromium EventSource over %s', (coding) => {
  it('receives each posted event at once', async () => {
    const page = await browser.newPage()
    sinks.length = 0
    seen.length = 0
    // Chromium 156 offers `gzip, deflate, br, zstd` over plain http too (older builds kept Brotli
    // for HTTPS and localhost): the server picks the coding under test from what it offers.
    await page.goto(`${server.url}/?coding=${coding}`)
    await expect.poll(() => sinks.length, { timeout: 10_000 }).toBe(1)
    expect(seen[0]?.coding, `Chromium sent accept-encoding: ${seen[0]?.accept}`).toBe(coding)
    for (let n = 0; n < 10; n++) {
      await sinks[0]?.send({ event: 'chat', data: { n, text: `message ${n} for the room` } })
      await page.waitForFunction(
        (count) => (window as unknown as { received: number[] }).received.length === count,
        n + 1,
        {
          timeout: 5_000,
          polling: 20,
        },
      )
    }
    expect(
      await page.evaluate(() => (window as unknown as { received: number[] }).received),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    await page.close()
  })
})
