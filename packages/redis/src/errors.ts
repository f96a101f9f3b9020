import { ChannelUnavailableError } from '@ssekit/channel'

/**
 * Redis could not be reached, or did not answer: the connection was lost, or Redis took longer
 * than `commandTimeout` (frozen, say). A publish that rejects with it was either never sent
 * (`sent: false`: nothing was stored) or lost in flight (`sent: true`: Redis may or may not have
 * stored it, and subscribers may still receive it).
 * It is a `ChannelUnavailableError` of `@ssekit/channel`: an HTTP handler answers it with
 * `503 Service Unavailable` and `Retry-After`, as for any backend.
 *
 * @example Answer 503 while Redis is down or frozen
 * ```ts
 * import { createRedisChannel, ioredisAdapter, RedisUnavailableError } from '@ssekit/redis'
 * import { Redis } from 'ioredis'
 * const feed = createRedisChannel({ name: 'feed', redis: ioredisAdapter(new Redis({ lazyConnect: true })) })
 * try {
 *   const id = await feed.publish({ data: 'hello' })
 *   return new Response(id, { status: 201 })
 * } catch (error) {
 *   if (!(error instanceof RedisUnavailableError)) throw error
 *   const headers = { 'retry-after': String(error.retryAfter) }
 *   return new Response(error.message, { status: 503, headers })
 * }
 * ```
 * @see https://redis.io/docs/latest/develop/data-types/streams/
 */
export class RedisUnavailableError extends ChannelUnavailableError {
  /**
   * @param message What could not be done, e.g. `Cannot publish: Redis is unreachable`.
   * @param options `sent`: whether the command left; `cause`: the client's own error.
   */
  constructor(message: string, options: { sent?: boolean; cause?: unknown } = {}) {
    super(message, options)
    this.name = 'RedisUnavailableError'
  }
}

/**
 * Redis answered a command with an error reply (`WRONGTYPE`, `OOM`, `NOSCRIPT`, …). Adapters
 * reject with it, so the channel tells a refusal apart from a lost connection.
 *
 * @example An adapter turns its client's reply errors into this one
 * ```ts
 * import { RedisReplyError } from '@ssekit/redis'
 * const error = new RedisReplyError('WRONGTYPE Operation against a key holding the wrong kind of value')
 * return new Response(error.message, { status: 500 })
 * ```
 * @see https://redis.io/docs/latest/develop/reference/protocol-spec/#simple-errors
 */
export class RedisReplyError extends Error {
  /** @param message The error reply, as Redis sent it. */
  constructor(message: string) {
    super(message)
    this.name = 'RedisReplyError'
  }
}
