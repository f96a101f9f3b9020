/**
 * A channel's backend cannot be reached now (Redis down or frozen, a Durable Object resetting),
 * so a publish was not stored, or may not have been. It is the backend's condition, not the
 * caller's mistake: an HTTP handler answers it with `503 Service Unavailable` and a
 * `Retry-After` of {@link ChannelUnavailableError.retryAfter} seconds. Backends throw subclasses
 * of it (`RedisUnavailableError`), so one `instanceof` serves every backend.
 *
 * @example Answer 503 while the backend is away
 * ```ts
 * import { ChannelUnavailableError, createChannel } from '@ssekit/channel'
 * const feed = createChannel()
 * try {
 *   return new Response(await feed.publish({ data: 'hello' }), { status: 201 })
 * } catch (error) {
 *   if (!(error instanceof ChannelUnavailableError)) throw error
 *   return new Response(error.message, {
 *     status: 503,
 *     headers: { 'retry-after': String(error.retryAfter) },
 *   })
 * }
 * ```
 */
export class ChannelUnavailableError extends Error {
  /** Whole seconds after which a retry may succeed: a `Retry-After` value. */
  readonly retryAfter: number
  /**
   * Whether the request reached the backend before the failure: a publish with `sent: true`
   * may have been stored, and its subscribers may still receive it.
   */
  readonly sent: boolean

  /**
   * @param message What could not be done, e.g. `Cannot publish: Redis is unreachable`.
   * @param options `retryAfter` seconds (default 1), `sent` (default false), and the `cause`.
   */
  constructor(
    message: string,
    options: { retryAfter?: number; sent?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'ChannelUnavailableError'
    this.retryAfter = Math.max(1, Math.ceil(options.retryAfter ?? 1))
    this.sent = options.sent ?? false
  }
}
