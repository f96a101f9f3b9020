import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openEventStream, type RunningServer } from '@ssekit/testkit'
import { afterAll, afterEach, expect, test } from 'vitest'
import { startWranglerConfig } from './wrangler-dev.ts'

// Two wrangler devs: the app (test/split/app.jsonc) and the feed's Durable Object in a Worker of
// its own (test/split/object.jsonc), found through a dev registry of their own. Stopping the
// object's one is an outage of the object, and starting it again on the same storage a reset,
// while the Worker that holds the clients' streams stays up.
const folder = await mkdtemp(join(tmpdir(), 'ssekit-feed-outage-'))
const registry = join(folder, 'registry')
const env = { WRANGLER_REGISTRY_PATH: registry }
let app: RunningServer | undefined
let object: RunningServer | undefined
let objectOutput = ''
afterEach(({ task }) => {
  if (task.result?.state !== 'fail') return
  console.error(`The app's wrangler dev printed:\n${app?.output()}`)
  console.error(`The object's wrangler dev printed:\n${objectOutput}${object?.output() ?? ''}`)
})
afterAll(async () => {
  await app?.stop()
  await object?.stop()
  await rm(folder, { recursive: true, force: true })
})

const startObject = () =>
  startWranglerConfig('test/split/object.jsonc', {
    args: ['--persist-to', join(folder, 'state')],
    env,
    readyPath: '/',
  })

function post(text: string): Promise<Response> {
  return fetch(`${app?.url}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'ops', text }),
  })
}

/** Publishes once the app's Worker reaches the object (the registry connects them in a moment). */
async function publishOnceConnected(text: string): Promise<string> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const response = await post(text)
    if (response.status === 201) return ((await response.json()) as { id: string }).id
    if (response.status !== 503 || Date.now() > deadline) {
      throw new Error(`POST /events answered ${response.status}: ${await response.text()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

const chats = (events: { event?: string | undefined; data: string }[]) =>
  events.filter((event) => event.event === 'chat').map((event) => JSON.parse(event.data).text)

test('the feed’s object going away and coming back: streams end with a retry hint, publishes answer 503 with Retry-After, clients resume exactly', async () => {
  object = await startObject()
  app = await startWranglerConfig('test/split/app.jsonc', { env })
  await publishOnceConnected('first')
  const stream = await openEventStream(`${app.url}/events`)
  const seen = await publishOnceConnected('seen')
  await stream.waitUntil(() => stream.events.some((event) => event.id === seen), 'the event')

  await object.stop()
  objectOutput = object.output()
  // Stopping kills the group, and wrangler may die before its exit hook takes its entry out of
  // the dev registry; a stale entry keeps the name from the next one for 90 s. Do what that
  // hook does.
  await rm(join(registry, 'ssekit-feed-object'), { force: true })
  object = undefined
  // The Worker holding the stream is still up: it ends it, after a last `retry:`, not with an
  // error (readToEnd() throws on one).
  await stream.readToEnd()
  expect(stream.retries).toEqual([1000, 1000])

  // While the object is away: a publish is the backend's failure, never a 500.
  const refused = await post('refused')
  expect(refused.status).toBe(503)
  expect(refused.headers.get('retry-after')).toBe('1')
  expect(await refused.text()).toBe(
    "Cannot publish: the call to the channel's Durable Object failed; the event may have been stored",
  )
  // A client that comes back now gets the hint at once, and a clean end.
  const early = await openEventStream(`${app.url}/events`, { headers: { 'last-event-id': seen } })
  await early.readToEnd()
  expect(early.retries).toEqual([1000, 1000])
  expect(chats(early.events)).toEqual([])

  // The object back on the same storage: its counter went on, and a resume misses nothing.
  object = await startObject()
  const after = await publishOnceConnected('after')
  expect(Number(after)).toBe(Number(seen) + 1)
  const resumed = await openEventStream(`${app.url}/events`, { headers: { 'last-event-id': seen } })
  try {
    await resumed.waitUntil(() => resumed.events.some((event) => event.id === after), 'the event')
    expect(chats(resumed.events)).toEqual(['after'])
  } finally {
    await resumed.close()
  }
}, 180_000)
