import assert from 'node:assert/strict'
import type { BrowserContext, Page, Route } from 'playwright-core'
import { launchChromium } from './chromium.ts'
import {
  closeAll,
  type FeedBrowserOptions,
  type Message,
  messages,
  openFeed,
  sendThrough,
  waitUntil,
} from './feed-browser.ts'
import { type Stats, waitForStats } from './stats.ts'

/** Which connection a feed page follows: the `data-connection` of its `#status`. */
const connection = (page: Page) => page.locator('#status').getAttribute('data-connection')

/**
 * Opens the feed page (`GET /feed`) in three Chromium pages of one browser context, as three tabs
 * of one browser, and asserts that they share one connection: `/stats` counts one stream,
 * the first page holds it (`data-connection="leader"` on its `#status`) and the others follow
 * it, and a message sent from one page shows once in every page. Then it closes the page that
 * holds the connection, holds the next page's `GET /events` until a message is sent, so that
 * message can only arrive through the server's replay, and asserts that the new leader resumed
 * from the last ID the pages showed, that both pages show every message once and in order, and
 * that `/stats` counts one stream again.
 *
 * @param baseUrl The server, without a trailing slash; no other client may hold a stream.
 * @param options Which Chromium and how long to wait for each step.
 *
 * @example
 * ```ts
 * test('three Chromium pages share one /events stream', () => expectFeedSharedInBrowser(server.url))
 * ```
 */
export async function expectFeedSharedInBrowser(
  baseUrl: string,
  options: Omit<FeedBrowserOptions, 'missed'> = {},
): Promise<void> {
  const timeout = options.timeoutMs ?? 15_000
  const run = crypto.randomUUID().slice(0, 8)
  const sent: string[] = []
  const send = async (page: Page, text: string, watchers: readonly Page[]) => {
    sent.push(`${text} ${run}`)
    await sendThrough(page, `${text} ${run}`, watchers)
  }
  // workerd hears that a client left only when a write to it fails, the second after it left:
  // two events published now let it count out the streams of earlier tests' pages.
  for (const text of ['settling', 'settled']) await publish(baseUrl, `${text} ${run}`)
  await waitForStats(baseUrl, (stats) => stats.open === 0, timeout)
  const one = (stats: Stats) => stats.open === 1
  const browser = await launchChromium(options.executablePath, timeout)
  try {
    const context = await browser.newContext()
    context.setDefaultTimeout(timeout)
    const leader = await openFeed(context, baseUrl, timeout)
    assert.equal(await connection(leader), 'leader', 'The first page holds the connection')
    const followers = [
      await openFeed(context, baseUrl, timeout),
      await openFeed(context, baseUrl, timeout),
    ]
    for (const page of followers) assert.equal(await connection(page), 'follower')
    await send(followers[0] as Page, 'hello from a page that follows', [leader, ...followers])
    // Every write reaches workerd's dead streams too, so only the live ones are counted by now.
    await waitForStats(baseUrl, one, timeout)

    const lastSeen = (await messages(leader)).at(-1)?.id
    const held = await holdNextStream(context, timeout)
    await leader.close()
    await held.requested()
    await send(followers[1] as Page, 'sent while no page held the stream', [])
    held.release()
    for (const page of followers) await waitForText(page, sent.at(-1) as string)
    await send(followers[0] as Page, 'after the hand-off', followers)
    assert.deepEqual(held.lastEventIds, [lastSeen], 'The new leader resumed from the last ID')

    const lists = await Promise.all(followers.map(messages))
    for (const list of lists) assertOnceInOrder(list, sent, run)
    const roles = (await Promise.all(followers.map(connection))).sort()
    assert.deepEqual(roles, ['follower', 'leader'], 'One page took the connection over')
    await waitForStats(baseUrl, one, timeout)
  } finally {
    await closeAll(browser)
  }
}

/** Holds the next `GET /events` of any page until `release()`, recording its `Last-Event-ID`. */
async function holdNextStream(context: BrowserContext, timeout: number) {
  const lastEventIds: (string | undefined)[] = []
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  await context.route(
    (url) => url.pathname === '/events',
    async (held: Route) => {
      if (held.request().method() === 'GET') {
        // The page's own fetch sets the header, so Playwright sees it.
        lastEventIds.push((await held.request().allHeaders())['last-event-id'])
        await released
      }
      await held.continue()
    },
  )
  return {
    lastEventIds,
    release,
    requested: () => waitUntil(() => lastEventIds.length > 0, timeout),
  }
}

async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('#messages li')].some((li) => li.textContent?.endsWith(t)),
    text,
    { polling: 50 },
  )
}

// From this run's first message on (other tests may have published before it): each sent message
// once, in the order sent, and no ID twice.
function assertOnceInOrder(list: Message[], sent: readonly string[], run: string): void {
  const ids = list.map((message) => message.id)
  assert.equal(new Set(ids).size, ids.length, `A message shows twice: ${ids.join(' ')}`)
  const ours = list.slice(list.findIndex((m) => m.text.endsWith(run))).map((m) => m.text)
  assert.equal(ours.length, sent.length, `Expected ${sent.length}: ${ours.join(' | ')}`)
  for (const [n, text] of sent.entries()) {
    assert.ok(ours[n]?.endsWith(text), `Message ${n} is ${ours[n]}, not ${text}`)
  }
}

async function publish(baseUrl: string, text: string): Promise<void> {
  const response = await fetch(`${baseUrl}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'testkit', text }),
  })
  assert.equal(response.status, 201, `POST /events answered ${response.status}`)
}
