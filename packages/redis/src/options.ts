import type { SubscriberDefaults } from '@ssekit/channel'
import type { EncodeOptions } from '@ssekit/core'
import { checkRetryOption } from '@ssekit/core/backend'
import type { RedisAdapter } from './adapter.ts'

/**
 * Options for {@link createRedisChannel}: where the channel lives in Redis, how much it keeps,
 * how long an outage may last, and the subscriber defaults of `createChannel`.
 *
 * @example A chat feed that keeps 5 000 events or ten minutes, whichever is less
 * ```ts
 * import { createRedisChannel, ioredisAdapter, type RedisChannelOptions } from '@ssekit/redis'
 * import { Redis } from 'ioredis'
 * const redis = ioredisAdapter(new Redis({ lazyConnect: true }))
 * const options: RedisChannelOptions = { name: 'chat', redis, maxLen: 5000, maxAge: 600_000 }
 * return createRedisChannel(options).subscribe(request)
 * ```
 */
export interface RedisChannelOptions extends SubscriberDefaults, EncodeOptions {
  /** The channel's name: every process that opens this name on one Redis shares its events. */
  name: string
  /** The Redis server, e.g. `ioredisAdapter(client)`. Channels on one adapter share a reader. */
  redis: RedisAdapter
  /**
   * Prefix of the channel's keys: `<prefix><name>` (its clock) and `<prefix><name>:<topic>`.
   * @defaultValue `'ssekit:'`
   */
  keyPrefix?: string | undefined
  /**
   * Events kept per topic for replay. Like `MAXLEN ~`, trimming runs in batches: a topic holds
   * up to a tenth more. `false` keeps any number (bound them with `maxAge`).
   * @defaultValue 1000
   */
  maxLen?: number | false | undefined
  /**
   * Milliseconds an event is kept for replay; older ones go at the next publish to their topic
   * (`XTRIM … MINID`).
   * @defaultValue none
   */
  maxAge?: number | undefined
  /**
   * Milliseconds Redis may stay unreachable before every subscriber's stream is ended with a
   * `retry:` hint, so clients reconnect and replay. Shorter outages go unnoticed by clients:
   * their streams stay open with heartbeats, and nothing published before is missed.
   * @defaultValue 30000
   */
  maxOutage?: number | undefined
  /**
   * The `retry:` hint, in milliseconds, sent to streams ended by an outage, and to subscribers
   * that could not be started because Redis did not answer in time.
   * @defaultValue 2000
   */
  outageRetry?: number | undefined
  /**
   * Milliseconds Redis has to answer a command (a blocking read: `blockMs` more). Past it the
   * connection is presumed dead (Redis frozen, or a silent network) and reopened: a publish
   * rejects with `RedisUnavailableError`, a new subscriber gets the `retry:` hint. The first
   * channel opened on an adapter sets it for all.
   * @defaultValue 2000
   */
  commandTimeout?: number | undefined
  /**
   * `XREAD BLOCK` milliseconds of the process's reader, 1 to 10 000. The first channel opened on
   * an adapter sets it for all.
   * @defaultValue 5000
   */
  blockMs?: number | undefined
}

/** The options with their defaults, checked. */
export interface RedisChannelSettings {
  name: string
  redis: RedisAdapter
  keyPrefix: string
  maxLen: number | false
  maxAge: number | undefined
  maxOutage: number
  outageRetry: number
  commandTimeout: number
  blockMs: number
}

/** Throws a TypeError or RangeError naming the option. */
export function redisChannelSettings(options: RedisChannelOptions): RedisChannelSettings {
  const { name, redis, keyPrefix = 'ssekit:', maxLen = 1000, maxAge } = options
  const { maxOutage = 30_000, outageRetry = 2000, commandTimeout = 2000, blockMs = 5000 } = options
  if (typeof name !== 'string' || name === '') {
    throw new TypeError('Cannot create the channel: option `name` must be a non-empty string')
  }
  if (typeof redis?.connect !== 'function') {
    throw new TypeError('Cannot create the channel: option `redis` must be a RedisAdapter')
  }
  if (typeof keyPrefix !== 'string') {
    throw new TypeError('Cannot create the channel: option `keyPrefix` must be a string')
  }
  if (maxLen !== false) positiveInteger('maxLen', maxLen)
  if (maxAge !== undefined) positiveInteger('maxAge', maxAge)
  positiveInteger('maxOutage', maxOutage)
  checkRetryOption(outageRetry, 'create the channel', 'outageRetry')
  positiveInteger('commandTimeout', commandTimeout)
  positiveInteger('blockMs', blockMs)
  if (blockMs > 10_000) {
    throw new RangeError(
      `Cannot create the channel: option \`blockMs\` must be at most 10000, got ${blockMs}`,
    )
  }
  return { name, redis, keyPrefix, maxLen, maxAge, maxOutage, outageRetry, commandTimeout, blockMs }
}

function positiveInteger(option: string, value: unknown): void {
  if (typeof value !== 'number') {
    throw new TypeError(`Cannot create the channel: option \`${option}\` must be a number`)
  }
  if (!(Number.isSafeInteger(value) && value > 0)) {
    throw new RangeError(
      `Cannot create the channel: option \`${option}\` must be a positive safe integer, got ${String(value)}`,
    )
  }
}
