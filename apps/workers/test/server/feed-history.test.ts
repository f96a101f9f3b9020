import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, openEventStream, type RunningServer, startServer } from '@ssekit/testkit'
import { afterAll, expect, test } from 'vitest'

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url))
const state = await mkdtemp(join(tmpdir(), 'ssekit-feed-state-'))
let server: RunningServer | undefined
afterAll(async () => {
  await server?.stop()
  await rm(state, { recursive: true, force: true })
})

/** `pnpm start` (wrangler dev) keeping its Durable Objects' SQLite in `state`, not .wrangler/. */
async function startOnState(): Promise<RunningServer> {
  const inspectorPort = String(await freePort())
  return startServer({
    command: 'pnpm',
    args: [
      ...['run', '--silent', 'start', '--ip', '127.0.0.1', '--inspector-port', inspectorPort],
      ...['--persist-to', state],
    ],
    cwd: APP_DIR,
    env: { WRANGLER_SEND_METRICS: 'false' },
    timeoutMs: 60_000,
  })
}

async function publish(baseUrl: string, text: string): Promise<string> {
  const response = await fetch(`${baseUrl}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'history', text }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

test('the feed’s history survives a restart of wrangler dev: resuming at the 5th ID gets 6 to 10', async () => {
  server = await startOnState()
  const ids: string[] = []
  for (let n = 1; n <= 10; n++) ids.push(await publish(server.url, `message ${n}`))
  await server.stop()
  server = await startOnState()
  const stream = await openEventStream(`${server.url}/events`, {
    headers: { 'last-event-id': ids[4] as string },
  })
  try {
    // Once event 10 arrived, anything else the replay held would already be here.
    await stream.waitUntil(() => stream.events.some((event) => event.id === ids[9]), 'event 10')
    // The stream opens with its own drop token; the chat events are the replay.
    const chats = stream.events.filter((event) => event.event === 'chat')
    expect(chats.map((event) => event.id)).toEqual(ids.slice(5))
    expect(chats.map((event) => JSON.parse(event.data).text)).toEqual(
      [6, 7, 8, 9, 10].map((n) => `message ${n}`),
    )
  } finally {
    await stream.close()
  }
  // The counter lives in SQLite too: the next ID follows the last one.
  expect(Number(await publish(server.url, 'after the restart'))).toBe(Number(ids[9]) + 1)
}, 120_000)
