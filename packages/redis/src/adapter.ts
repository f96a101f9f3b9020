/**
 * A reply as RESP2 shapes it: a string, an integer, `null`, or an array of these. Adapters for
 * clients that speak RESP3 map their replies to these shapes (maps as flat `[key, value]` arrays).
 *
 * @example Read an XRANGE reply
 * ```ts
 * import type { RedisReply } from '@ssekit/redis'
 * const reply: RedisReply = [['1764067200000-0', ['e', 'data: hi\n\n']]]
 * return new Response(JSON.stringify(reply))
 * ```
 */
export type RedisReply = string | number | null | readonly RedisReply[]

/**
 * One connection to Redis, opened by a {@link RedisAdapter}. It reconnects by itself, with backoff,
 * until it is closed. The channel never queues on it: a command sent while it is not ready fails
 * at once, and a command in flight when it drops fails rather than being sent again (a resent
 * `XADD` would store the event twice).
 *
 * @example A connection that never connects (for wiring tests)
 * ```ts
 * import { type RedisConnection, RedisUnavailableError } from '@ssekit/redis'
 * const offline: RedisConnection = {
 *   ready: false,
 *   send: () => Promise.reject(new RedisUnavailableError('Cannot send: never connected')),
 *   onStateChange: () => () => {},
 *   reconnect() {},
 *   close: async () => {},
 * }
 * return new Response(String(offline.ready))
 * ```
 */
export interface RedisConnection {
  /** Whether a command sent now goes out at once. */
  readonly ready: boolean
  /**
   * Sends one command now. Resolves with its {@link RedisReply}; rejects with a
   * {@link RedisReplyError} when Redis answers with an error, and with a
   * {@link RedisUnavailableError} when the connection is not ready (`sent: false`) or drops before
   * the reply (`sent: true`). Never queues, never resends.
   */
  send(command: string, args: readonly string[]): Promise<RedisReply>
  /** Calls `listener` each time the connection becomes ready (`true`) or is lost (`false`). */
  onStateChange(listener: (ready: boolean) => void): () => void
  /**
   * Drops the socket and connects again; commands in flight reject. The channel calls it on a
   * connection that did not answer within `commandTimeout`: a frozen Redis, or a dead socket.
   */
  reconnect(): void
  /**
   * Closes the connection for good: a commands connection after the replies in flight, a blocking
   * one at once (its read in flight then rejects).
   */
  close(): Promise<void>
}

/**
 * Opens connections to one Redis server for the channels that share it: one for commands
 * (publish, replay reads) and one for the blocking live read. Channels given the same adapter
 * object share those two connections, and the one reader, in this process. Ships for ioredis
 * ({@link ioredisAdapter}); `Bun.RedisClient` or node-redis fit behind the same two methods.
 *
 * @example An adapter that logs each connection it opens, over the ioredis one
 * ```ts
 * import { ioredisAdapter, type RedisAdapter } from '@ssekit/redis'
 * import { Redis } from 'ioredis'
 * const ioredis = ioredisAdapter(new Redis('redis://127.0.0.1:6379', { lazyConnect: true }))
 * const adapter: RedisAdapter = {
 *   connect(purpose) {
 *     console.log(`ssekit opens a ${purpose} connection`)
 *     return ioredis.connect(purpose)
 *   },
 * }
 * return new Response(typeof adapter.connect)
 * ```
 */
export interface RedisAdapter {
  /**
   * Opens a new connection, which the channel owns and closes. `'blocking'` is used for
   * `XREAD BLOCK` alone, so it must not be shared with other commands.
   */
  connect(purpose: 'commands' | 'blocking'): RedisConnection
}
