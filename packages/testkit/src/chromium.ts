import { type Browser, chromium, type Page } from 'playwright-core'

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

/**
 * Launches the system Chromium with {@link CHROMIUM_ARGS}; launch() gives every run a fresh
 * temporary profile of its own. A missing binary fails, so a test never passes without a browser.
 * @internal
 */
export function launchChromium(
  executablePath: string | undefined,
  timeout: number,
): Promise<Browser> {
  return chromium.launch({
    executablePath: executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
    timeout,
  })
}

/** Waits until the page's `#status` shows `state`. @internal */
export async function waitForState(page: Page, state: string, timeout: number): Promise<void> {
  await page.waitForFunction(
    (s) => document.querySelector('#status')?.getAttribute('data-state') === s,
    state,
    // Polled on a timer: a page in the background paints no frames to poll on.
    { timeout, polling: 50 },
  )
}
