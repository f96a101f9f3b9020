import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'
import { fetchStats, waitForStats } from './stats.ts'
import { assertTick } from './tick-format.ts'

/** The flags Chromium needs here: no sandbox as root, no GPU, no network chatter of its own. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

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
  // launch() gives every run a fresh temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
    timeout,
  })
  try {
    const page = await browser.newPage()
    await page.goto(`${baseUrl}/?interval=${options.intervalMs ?? 200}`, { timeout })
    await page.waitForFunction(
      (count) => document.querySelectorAll('#ticks li').length >= count,
      ticks,
      { timeout },
    )
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
