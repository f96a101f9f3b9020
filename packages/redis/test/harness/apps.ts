import { fileURLToPath } from 'node:url'
import { type RunningServer, startServer } from '@ssekit/testkit'
import type { EventSourceMessage } from '@ssekit/testkit/event-stream'

const apps = (name: string) => fileURLToPath(new URL(`../../../../apps/${name}`, import.meta.url))
// Every test client connects from 127.0.0.1, so the apps' per-client cap (64) would refuse the
// load tests' hundreds of streams with 429.
const UNCAPPED = { MAX_STREAMS_PER_CLIENT: '100000' }

/** Starts the Node demo app (apps/node) with REDIS_URL set, and `env` added. */
export function startNodeApp(
  redisUrl: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  return startServer({
    command: process.execPath,
    args: ['src/main.ts'],
    cwd: apps('node'),
    env: { REDIS_URL: redisUrl, ...UNCAPPED, ...env },
  })
}

/** Starts the Bun demo app (apps/bun) with REDIS_URL set. */
export function startBunApp(redisUrl: string): Promise<RunningServer> {
  return startServer({
    command: `${apps('bun')}/node_modules/.bin/bun`,
    args: ['src/main.ts'],
    cwd: apps('bun'),
    env: { REDIS_URL: redisUrl, ...UNCAPPED },
  })
}

/** Starts the Deno demo app (apps/deno) with REDIS_URL set (its start:redis task). */
export function startDenoApp(redisUrl: string): Promise<RunningServer> {
  return startServer({
    command: `${apps('deno')}/node_modules/.bin/deno`,
    args: ['task', 'start:redis'],
    cwd: apps('deno'),
    env: { REDIS_URL: redisUrl, ...UNCAPPED },
  })
}

/** What one `POST /events` came to: its ID, or the status it failed with. */
export type PostOutcome = { id: string } | { status: number | 'network' }

/** Posts one chat message; never throws. */
export async function postChat(baseUrl: string, from: string, text: string): Promise<PostOutcome> {
  try {
    const response = await fetch(`${baseUrl}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, text }),
    })
    if (response.status !== 201) {
      await response.body?.cancel()
      return { status: response.status }
    }
    return (await response.json()) as { id: string }
  } catch {
    return { status: 'network' }
  }
}

/** One chat event as a client received it. */
export interface Chat {
  id: string | undefined
  text: string
}

/** The chat events sent by `from`, in arrival order. */
export function chatsFrom(events: readonly EventSourceMessage[], from: string): Chat[] {
  return events
    .filter((event) => event.event === 'chat')
    .map((event) => ({
      id: event.id,
      ...(JSON.parse(event.data) as { from: string; text: string }),
    }))
    .filter((chat) => chat.from === from)
    .map(({ id, text }) => ({ id, text }))
}
