import assert from 'node:assert/strict'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium, waitForState } from './chromium.ts'

/** Options for {@link expectFeedResumesInBrowser}. */
export interface FeedBrowserOptions {
  /** Messages sent from the other page while one is away. @defaultValue 5 */
  missed?: number | undefined
  /** The Chromium binary. @defaultValue `process.env.CHROMIUM_PATH` or `/usr/bin/chromium` */
  executablePath?: string | undefined
  /** How long to wait for each step. @defaultValue 15000 */
  timeoutMs?: number | undefined
}

/** A message as a feed page shows it. @internal */
export interface Message {
  id: string | undefined
  text: string
}

/**
 * Opens the feed page (`GET /feed`) in two Chromium pages of two browser contexts (two browsers,
 * as far as the page can tell, so each holds a connection of its own), finds its fields by their
 * visible labels ("Name", "Message"), and asserts that each page sees the other's messages; then
 * has the server close one page's stream (its "Drop the connection" button, which presents the
 * drop token only that stream received), sends messages from the other page while it is away,
 * and asserts that the page reconnects with the last ID it saw as `Last-Event-ID` and ends with
 * exactly the other page's message list: nothing missing, nothing twice. The dropped page's
 * reconnect is held until the messages are sent, so they can only reach it through the server's
 * replay.
 *
 * @param baseUrl The server, without a trailing slash.
 * @param options How many messages to miss, which Chromium and how long to wait.
 *
 * @example
 * ```ts
 * test('a dropped page resumes without a gap', () => expectFeedResumesInBrowser(server.url))
 * ```
 */
export async function expectFeedResumesInBrowser(
  baseUrl: string,
  options: FeedBrowserOptions = {},
): Promise<void> {
  const timeout = options.timeoutMs ?? 15_000
  const run = crypto.randomUUID().slice(0, 8)
  const sent: string[] = []
  const send = async (page: Page, text: string, watchers: readonly Page[]) => {
    sent.push(`${text} ${run}`)
    await sendThrough(page, `${text} ${run}`, watchers)
  }
  const browser = await launchChromium(options.executablePath, timeout)
  try {
    const contexts = [await browser.newContext(), await browser.newContext()]
    for (const context of contexts) context.setDefaultTimeout(timeout)
    const [stays, drops] = [
      await openFeed(contexts[0] as BrowserContext, baseUrl, timeout),
      await openFeed(contexts[1] as BrowserContext, baseUrl, timeout),
    ]
    const both = [stays, drops]
    await send(stays, 'hello from the first page', both)
    await send(drops, 'hello from the second page', both)

    const reconnect = await holdReconnect(contexts[1] as BrowserContext, drops, timeout)
    const lastSeen = (await messages(drops)).at(-1)?.id
    await drops.getByRole('button', { name: 'Drop the connection' }).click()
    await waitForState(drops, 'reconnecting', timeout)
    for (let n = 1; n <= (options.missed ?? 5); n++) {
      await send(stays, `sent while the other page is away ${n}`, [stays])
    }
    await reconnect.requested()
    reconnect.release()
    await waitForState(drops, 'open', timeout)
    await send(drops, 'back again', both)

    assert.deepEqual(reconnect.lastEventIds, [lastSeen], 'The page resumed from the last ID it saw')
    const [kept = [], resumed = []] = await Promise.all(both.map(messages))
    for (const list of [kept, resumed]) {
      const ids = list.map((message) => message.id)
      assert.equal(new Set(ids).size, ids.length, `A message shows twice: ${ids.join(' ')}`)
    }
    // From this run's first message on: other tests may have published before it.
    const ours = (list: Message[]) => list.slice(list.findIndex((m) => m.text.endsWith(run)))
    assert.deepEqual(ours(resumed), ours(kept), 'The dropped page shows what the other one does')
    const texts = ours(kept).map((message) => message.text)
    assert.equal(texts.length, sent.length, `Expected ${sent.length}: ${texts.join(' | ')}`)
    for (const [n, text] of sent.entries()) {
      assert.ok(texts[n]?.endsWith(text), `Message ${n} is ${texts[n]}, not ${text}`)
    }
  } finally {
    await closeAll(browser)
  }
}

/** Opens `/feed` and waits until its stream is open and its labelled fields are there. @internal */
export async function openFeed(
  context: BrowserContext,
  baseUrl: string,
  timeout: number,
): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${baseUrl}/feed`)
  await waitForState(page, 'open', timeout)
  for (const name of ['Name', 'Message']) {
    // A visible <label>, not only an aria-label: a sighted user must see what each field is for.
    const label = page.locator('label').filter({ hasText: new RegExp(`^${name}$`) })
    assert.ok(await label.isVisible(), `The ${name} field has a visible label`)
    assert.ok(await page.getByLabel(name, { exact: true }).isEditable(), `${name} is a field`)
  }
  return page
}

/**
 * Holds the page's next `GET /events` until `release()`, and records the `Last-Event-ID` of each
 * one, as the DevTools protocol saw it go on the wire: whatever set it (an `EventSource` adds it
 * below the page, where Playwright's request headers leave it out), that is what the server got.
 */
async function holdReconnect(context: BrowserContext, page: Page, timeout: number) {
  const lastEventIds: (string | undefined)[] = []
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  cdp.on('Network.requestWillBeSentExtraInfo', ({ headers }) => {
    const header = (name: string) =>
      Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1]
    if (header('accept') === 'text/event-stream') lastEventIds.push(header('last-event-id'))
  })
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let requests = 0
  await page.route(
    (url) => url.pathname === '/events',
    async (route) => {
      if (route.request().method() === 'GET') {
        requests++
        await released
      }
      await route.continue()
    },
  )
  const requested = () => waitUntil(() => requests > 0, timeout)
  return { lastEventIds, release, requested }
}

/** Sends `text` through the page's form and waits until every watcher shows it. @internal */
export async function sendThrough(
  page: Page,
  text: string,
  watchers: readonly Page[],
): Promise<void> {
  // As a user would: a tab in the background paints no frames, which Playwright's click waits for.
  await page.bringToFront()
  await page.getByLabel('Message', { exact: true }).fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
  for (const watcher of watchers) {
    await watcher.waitForFunction(
      (t) =>
        [...document.querySelectorAll('#messages li')].some((li) => li.textContent?.endsWith(t)),
      text,
      { polling: 50 },
    )
  }
}

/** The messages a feed page shows, in order. @internal */
export function messages(page: Page): Promise<Message[]> {
  return page.$$eval('#messages li', (items) =>
    items.map((li) => ({ id: (li as HTMLElement).dataset.id, text: li.textContent ?? '' })),
  )
}

/** Polls `done` until it holds. @internal */
export async function waitUntil(done: () => boolean, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`The page did not reconnect within ${timeout} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Closes every page, then the browser. Under `wrangler dev` a stream whose page closes is counted
 * out at its next write, but one whose browser process goes away first stays open for good.
 * @internal
 */
export async function closeAll(browser: Browser): Promise<void> {
  for (const context of browser.contexts()) await context.close().catch(() => {})
  await browser.close()
}
