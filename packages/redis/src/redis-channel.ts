import type {
  ChannelStats,
  EventMap,
  PublishOptions,
  SSEMessage,
  SubscribeOptions,
} from '@ssekit/core'
import { RedisChannelImpl } from './channel-impl.ts'
import type { RedisChannelOptions } from './options.ts'

/**
 * A channel whose events live in Redis Streams, shared by every process that opens its name on
 * the same Redis: the shape of `@ssekit/core`'s `Channel`, with an async `publish` and `close`.
 * The event ID is the Redis entry ID, the same on every instance, so a `Last-Event-ID` from one
 * instance resumes exactly on any other. Created by {@link createRedisChannel}.
 *
 * @example Publish on one process, subscribe on another
 * ```ts
 * import { createRedisChannel, ioredisAdapter, type RedisChannel } from '@ssekit/redis'
 * import { Redis } from 'ioredis'
 * const redis = ioredisAdapter(new Redis({ lazyConnect: true }))
 * const feed: RedisChannel = createRedisChannel({ name: 'feed', redis })
 * if (request.method === 'POST') return new Response(await feed.publish({ data: 'hi' }), { status: 201 })
 * return feed.subscribe(request)
 * ```
 */
export interface RedisChannel<M extends EventMap = EventMap> {
  /**
   * Validates and encodes the message once, then appends it to its topic's stream (one EVALSHA:
   * the ID, XADD and trimming). It reaches subscribers, here as on every instance, through each
   * process's reader, in the stream's order.
   *
   * @param message The event, without `id`: Redis assigns it.
   * @param options The topic.
   * @returns Resolves with the event's ID once Redis has stored it.
   * @throws {SyntaxError | RangeError | TypeError} (as a rejection) The message cannot be encoded
   *   or has an `id`; nothing was sent to Redis.
   * @throws {RedisUnavailableError} (as a rejection) Redis is unreachable, or the connection was
   *   lost before it answered (`sent: true`: the event may have been stored).
   * @throws {Error} (as a rejection) The channel is closed, or Redis refused the command.
   */
  publish(message: SSEMessage<M>, options?: PublishOptions): Promise<string>
  /**
   * Opens a client's event stream, exactly as `Channel.subscribe` does: a replay after its
   * `Last-Event-ID` (the gap event first when that ID is unknown, trimmed or malformed), or an
   * `id:` anchor at the newest event this process has seen, then live events with no gap and no
   * repeat. `HEAD` gets the headers alone; after `close()`, `204 No Content`.
   *
   * @param request The client's request: its method, `signal` and `Last-Event-ID` are used.
   * @param options Topics, slow-consumer policy, heartbeat, headers, `onClose`.
   * @returns The streaming `text/event-stream` response.
   * @throws {RangeError | TypeError} An option is invalid.
   */
  subscribe(request: Request, options?: SubscribeOptions): Response
  /** How many subscribers are connected to this process now. */
  readonly size: number
  /** Bytes waiting for slow clients of this process, summed over subscribers. */
  readonly buffered: number
  /** Whether {@link RedisChannel.close} was called. */
  readonly closed: boolean
  /** What this process's side of the channel has done: its publishes, encodes, slow consumers. */
  readonly stats: ChannelStats
  /**
   * Ends every subscriber's stream (`onClose` gets `'server'`) and refuses new publishes. The last
   * channel open on an adapter also stops the reader and closes the two connections it opened.
   *
   * @returns Resolves once those connections are closed.
   */
  close(): Promise<void>
}

/**
 * Creates a channel over Redis Streams: one stream per topic, trimmed to the last 1 000 events
 * by default, read by one blocking reader per process and adapter. Subscribers stay open through
 * a Redis outage of up to `maxOutage` (30 s) with heartbeats, and miss nothing published before
 * it; after longer, their streams end with a `retry:` hint so clients reconnect and replay.
 *
 * @param options The channel's name, the Redis adapter, retention and subscriber defaults.
 * @returns A new, open channel.
 * @throws {TypeError | RangeError} An option is invalid.
 *
 * @example Back one feed with Redis in every process
 * ```ts
 * import { createRedisChannel, ioredisAdapter } from '@ssekit/redis'
 * import { Redis } from 'ioredis'
 * const client = new Redis('redis://127.0.0.1:6379', { lazyConnect: true })
 * const feed = createRedisChannel({ name: 'feed', redis: ioredisAdapter(client), retry: 1000 })
 * return feed.subscribe(request)
 * ```
 * @see https://redis.io/docs/latest/develop/data-types/streams/
 */
export function createRedisChannel<M extends EventMap = EventMap>(
  options: RedisChannelOptions,
): RedisChannel<M> {
  return new RedisChannelImpl<M>(options)
}
