import assert from 'node:assert/strict'
import { launchChromium, waitForState } from './chromium.ts'

/** Options for {@link expectGenerationSurvivesReload}. */
export interface GenerationBrowserOptions {
  /** Chunks the generation streams. @defaultValue 30 */
  chunks?: number | undefined
  /** Milliseconds between them. @defaultValue 100 */
  intervalMs?: number | undefined
  /** The whole text the generation ends with. */
  expectedText: string
  /** The Chromium binary. @defaultValue `process.env.CHROMIUM_PATH` or `/usr/bin/chromium` */
  executablePath?: string | undefined
  /** How long to wait for each step. @defaultValue 30000 */
  timeoutMs?: number | undefined
}

/**
 * Opens the generation page (`GET /generate`) in Chromium, presses "Start", reloads the page
 * mid-answer, and asserts that the answer goes on from where it was and ends `done` with exactly
 * the whole text: nothing missing, nothing twice. Then starts another and presses "Stop
 * generating", and asserts it ends `stopped` with a prefix of the text.
 *
 * @param baseUrl The server, without a trailing slash.
 * @param options The generation's size and the text it ends with.
 */
export async function expectGenerationSurvivesReload(
  baseUrl: string,
  options: GenerationBrowserOptions,
): Promise<void> {
  const { chunks = 30, intervalMs = 100, expectedText, timeoutMs = 30_000 } = options
  const browser = await launchChromium(options.executablePath, timeoutMs)
  try {
    const page = await browser.newPage()
    await page.goto(`${baseUrl}/generate?chunks=${chunks}&intervalMs=${intervalMs}`)
    await page.getByRole('button', { name: 'Start' }).click()
    // A few chunks in, well before the end: the page reloads mid-answer.
    await page.waitForFunction(
      () => (document.querySelector('#answer')?.textContent ?? '').includes(' 4:'),
      undefined,
      { timeout: timeoutMs, polling: 20 },
    )
    const before = (await page.locator('#answer').textContent()) ?? ''
    await page.reload()
    await waitForState(page, 'done', timeoutMs)
    const after = (await page.locator('#answer').textContent()) ?? ''
    assert.ok(before.length < expectedText.length, 'the reload came before the end')
    assert.equal(after, expectedText)

    await page.getByRole('button', { name: 'Start' }).click()
    await page.waitForFunction(
      () => (document.querySelector('#answer')?.textContent ?? '').includes(' 2:'),
      undefined,
      { timeout: timeoutMs, polling: 20 },
    )
    await page.getByRole('button', { name: 'Stop generating' }).click()
    await waitForState(page, 'stopped', timeoutMs)
    const stopped = (await page.locator('#answer').textContent()) ?? ''
    assert.ok(expectedText.startsWith(stopped) && stopped.length < expectedText.length)
  } finally {
    await browser.close()
  }
}
