import type { Channel as RedisChannel } from '@ssekit/channel'
import type { RedisServer } from '@ssekit/testkit'
import { Redis } from 'ioredis'
import {
  createRedisChannel,
  ioredisAdapter,
  type RedisChannelOptions,
  RedisUnavailableError,
} from '../../src/index.ts'

let names = 0

/** A channel name no other test uses. */
export function uniqueName(): string {
  return `test-${process.pid}-${++names}`
}

/** A fresh ioredis template client for `server` (it never connects: the channel duplicates it). */
export function templateClient(server: RedisServer): Redis {
  return new Redis(server.port, '127.0.0.1', { lazyConnect: true })
}

/** A channel with a name no other test uses, on its own adapter unless one is given. */
export function openChannel(
  server: RedisServer,
  options: Partial<RedisChannelOptions> = {},
): RedisChannel {
  return createRedisChannel({
    name: uniqueName(),
    redis: ioredisAdapter(templateClient(server)),
    heartbeat: false,
    ...options,
  })
}

/** A subscribe request, resuming after `lastEventId` when given. */
export function eventsRequest(lastEventId?: string, signal?: AbortSignal): Request {
  const headers: Record<string, string> =
    lastEventId === undefined ? {} : { 'last-event-id': lastEventId }
  return new Request('http://localhost/events', signal ? { headers, signal } : { headers })
}

/** Publishes until Redis takes it again (the channel's connection came back), for up to 15 s. */
export async function publishWhenBack(publish: () => Promise<string>): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await publish()
    } catch (error) {
      if (!(error instanceof RedisUnavailableError) || attempt > 300) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}
