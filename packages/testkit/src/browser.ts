import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { launchChromium, waitForState } from './chromium.ts'
import type { RunningServer } from './start-server.ts'
import { fetchStats, waitForStats } from './stats.ts'
import { assertTick } from './tick-format.ts'

export { CHROMIUM_ARGS } from './chromium.ts'
export { expectFeedResumesInBrowser, type FeedBrowserOptions } from './feed-browser.ts'
export { expectFeedSharedInBrowser } from './feed-shared-browser.ts'
export {
  expectGenerationSurvivesReload,
  type GenerationBrowserOptions,
} from './generation-browser.ts'

/** Options for {@link expectBrowserSeesTicks}. */
export interface BrowserTicksOptions {
  /** Ticks the page must show. @defaultValue 3 */
  ticks?: number | undefined
  /** The ticker's period, passed to the page as `?interval=`. @defaultValue 200 */
  intervalMs?: number | undefined
  /** The Chromium binary. @defaultValue `process.env.CHROMIUM_PATH` or `/usr/bin/chromium` */
  executablePath?: string | undefined
  /** How long to wait for the ticks and for `/stats` to drop. @defaultValue 15000 */
  timeoutMs?: number | undefined
}

/**
 * Opens the demo page in a real Chromium, asserts that its `EventSource` renders the ticks live,
 * then closes the page and asserts that `/stats` returns to `{"open": 0}`.
 *
 * @param baseUrl The server, without a trailing slash.
 * @param options How many ticks, how fast, and which Chromium.
 *
 * @example
 * ```ts
 * test('a browser sees the ticks', () => expectBrowserSeesTicks(server.url))
 * ```
 */
export async function expectBrowserSeesTicks(
  baseUrl: string,
  options: BrowserTicksOptions = {},
): Promise<void> {
  const ticks = options.ticks ?? 3
  const timeout = options.timeoutMs ?? 15_000
  const browser = await launchChromium(options.executablePath, timeout)
  try {
    const page = await browser.newPage()
    await page.goto(`${baseUrl}/?interval=${options.intervalMs ?? 200}`, { timeout })
    await waitForTicks(page, ticks, timeout)
    for (const text of await page.locator('#ticks li').allTextContents()) assertTick(text)
    assert.equal(await page.locator('#status').getAttribute('data-state'), 'open')
    const during = await fetchStats(baseUrl)
    assert.ok(during.open >= 1, `/stats counts the page's stream: ${JSON.stringify(during)}`)
    await page.close()
    await waitForStats(baseUrl, (stats) => stats.open === 0, timeout)
  } finally {
    await browser.close()
  }
}

/**
 * Opens the demo page, kills the server, asserts that the page shows the connection dropped, starts
 * the server again on the same port, and asserts that the page shows it open again and ticking.
 *
 * @param start Starts the server, on `port` when one is given.
 * @param options Which Chromium and how long to wait (the browser retries after about 3 s).
 *
 * @example
 * ```ts
 * await expectBrowserSeesReconnect((port) =>
 *   startServer({ command: process.execPath, args: ['src/main.ts'], port }),
 * )
 * ```
 */
export async function expectBrowserSeesReconnect(
  start: (port?: number) => Promise<RunningServer>,
  options: Omit<BrowserTicksOptions, 'ticks'> = {},
): Promise<void> {
  const timeout = options.timeoutMs ?? 15_000
  let server = await start()
  const browser = await launchChromium(options.executablePath, timeout)
  try {
    const page = await browser.newPage()
    await page.goto(`${server.url}/?interval=${options.intervalMs ?? 200}`, { timeout })
    await waitForTicks(page, 1, timeout)
    // A crash, not a drain: a draining server answers the page's reconnect 503, which an
    // EventSource takes as final (see the core README's drain section).
    server.signal('SIGKILL')
    await server.exited
    await waitForState(page, 'reconnecting', timeout)
    const ticksBefore = await page.locator('#ticks li').count()
    server = await start(server.port)
    await waitForState(page, 'open', timeout)
    await waitForTicks(page, ticksBefore + 1, timeout)
    await page.close()
    await waitForStats(server.url, (stats) => stats.open === 0, timeout)
  } finally {
    await browser.close()
    await server.stop()
  }
}

async function waitForTicks(page: Page, count: number, timeout: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('#ticks li').length >= n,
    Math.min(count, 20), // the page keeps the last 20
    { timeout },
  )
}
