import type {
  Channel,
  ChannelMessage,
  ChannelStats,
  PublishOptions,
  SubscribeOptions,
} from '@ssekit/channel'
import { checkPublish, FanOut, subscribedTopics, subscribeHolding } from '@ssekit/channel/backend'
import { type EncodeOptions, type EventMap, encode } from '@ssekit/core'
import { checkHeartbeat, checkRetryOption, instrumentation, logEvent } from '@ssekit/core/backend'
import { RedisUnavailableError } from './errors.ts'
import { FollowedTopics } from './followed-topics.ts'
import { rememberingIdOrder } from './id-order.ts'
import { type ChannelKeys, channelKeys } from './keys.ts'
import { acquireLink, type Link } from './link.ts'
import {
  type RedisChannelOptions,
  type RedisChannelSettings,
  redisChannelSettings,
} from './options.ts'
import { OutageWatch } from './outage-watch.ts'
import { publishError } from './publish-error.ts'
import { RedisReplay } from './redis-replay.ts'
import { publishScript } from './scripts.ts'
import { untilReady } from './until-ready.ts'

/**
 * Creates a channel over Redis Streams: one stream per topic, trimmed to the last 1 000 events
 * by default, read by one blocking reader per process and adapter. `subscribe()` resolves once
 * the subscriber is live. Subscribers stay open through a Redis outage of up to `maxOutage` (30 s)
 * with heartbeats, and miss nothing published before it; after longer, their streams end with a
 * `retry:` hint so clients reconnect and replay. Redis has `commandTimeout` (2 s) to answer: a
 * frozen Redis is an outage too, never a hang.
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
): Channel<M> {
  return new RedisChannel<M>(options)
}

// How long a new process waits for its first connection to Redis.
const FIRST_CONNECT_MS = 5000

// Entries per stream and XREAD.
const READ_COUNT = 512

// The channel of one process: a FanOut fed by the process's reader.
class RedisChannel<M extends EventMap> implements Channel<M> {
  readonly #settings: RedisChannelSettings
  readonly #link: Link
  readonly #keys: ChannelKeys
  readonly #fanOut: FanOut
  readonly #encodeOptions: EncodeOptions
  readonly #topics: FollowedTopics
  readonly #outage: OutageWatch
  #closing: Promise<void> | undefined
  #published = 0

  constructor(options: RedisChannelOptions) {
    const settings = redisChannelSettings(options)
    const { blockMs, commandTimeout, maxOutage, outageRetry } = settings
    this.#settings = settings
    this.#encodeOptions = { serialize: options.serialize }
    this.#keys = channelKeys(settings.keyPrefix, settings.name)
    this.#link = acquireLink(settings.redis, { blockMs, commandTimeout, count: READ_COUNT })
    const replay = new RedisReplay(this.#link, this.#keys, maxOutage, () => this.#topics.latestId())
    this.#fanOut = new FanOut(replay, {
      retry: options.retry,
      heartbeat: options.heartbeat,
      maxBuffered: options.maxBuffered,
      slowConsumer: options.slowConsumer,
      compareIds: rememberingIdOrder(),
      // A replay Redis could not serve before maxOutage: the history is still there, so the
      // client is sent away to come back for it, not told with a gap event that it is lost.
      replayFailure: { retry: outageRetry },
      backend: 'redis',
    })
    this.#topics = new FollowedTopics(this.#link, this.#keys, this.#fanOut, settings, READ_COUNT)
    this.#outage = new OutageWatch(this.#link, maxOutage, () => {
      instrumentation()?.backendError('redis', 'outage')
      logEvent({
        level: 'warn',
        event: 'ssekit.redis.outage.too-long',
        msg: `Redis has been unreachable for ${maxOutage} ms: ending ${this.#fanOut.size} streams so their clients reconnect and replay`,
        backend: 'redis',
        channel: settings.name,
        streams: this.#fanOut.size,
      })
      this.#fanOut.disconnectAll({ retry: outageRetry })
    })
  }

  get size(): number {
    return this.#fanOut.size
  }

  get buffered(): number {
    return this.#fanOut.buffered
  }

  get closed(): boolean {
    return this.#closing !== undefined
  }

  get stats(): ChannelStats {
    return { published: this.#published, ...this.#fanOut.stats }
  }

  publish(message: ChannelMessage<M>, options?: PublishOptions): Promise<string> {
    let body: string
    let topic: string
    try {
      topic = checkPublish(message, options, this.closed)
      // The one encode of this event: it validates, and every instance's reader reuses the text.
      body = encode(message, this.#encodeOptions)
    } catch (error) {
      return Promise.reject(error)
    }
    const { maxLen, maxAge } = this.#settings
    const scope = instrumentation()?.publishStarted('redis', topic)
    const keys = [this.#keys.meta, this.#keys.stream(topic)]
    const args = [String(maxLen === false ? 0 : maxLen), String(maxAge ?? 0), body]
    if (scope?.traceparent !== undefined) args.push(scope.traceparent)
    const commands = this.#link.commands
    // A new process waits for its first connection; after that, an outage rejects at once.
    const connected = this.#link.connected
      ? Promise.resolve()
      : untilReady(commands, Date.now() + FIRST_CONNECT_MS, 'publish')
    return connected
      .then(() => publishScript.run(commands, keys, args))
      .then(
        (reply) => {
          const id = String(reply)
          this.#published++
          this.#topics.published(topic, id)
          scope?.end({ id })
          return id
        },
        (error: unknown) => {
          const failure = publishError(error)
          scope?.end({ error: failure })
          if (failure instanceof RedisUnavailableError) {
            instrumentation()?.backendError('redis', 'publish')
          }
          return Promise.reject(failure)
        },
      )
  }

  async subscribe(request: Request, options: SubscribeOptions = {}): Promise<Response> {
    // After close(), once it is done: the fan-out answers 204.
    if (this.#closing !== undefined) await this.#closing
    // Nothing to read for these: the fan-out answers (204, or the headers alone).
    if (this.#fanOut.closed || request.method === 'HEAD') {
      return this.#fanOut.subscribe(request, options)
    }
    const headers = this.#checkedHeaders(request, options)
    const topics = subscribedTopics(options.topics)
    const release = this.#topics.follow(topics)
    try {
      // Live first: the reader starts each new topic's stream at its end, and only then is the
      // subscriber added, so that it misses no event after its anchor or its replay.
      const signal = options.signal ?? request.signal
      const wait = this.#link.connected ? this.#settings.commandTimeout : FIRST_CONNECT_MS
      const live = await this.#topics.positioned(topics, Date.now() + wait, signal)
      if (!live && !signal.aborted && !this.#fanOut.closed) {
        release()
        return this.#sentAway(headers, options)
      }
    } catch (error) {
      release()
      throw error
    }
    return subscribeHolding(options, release, (held) => this.#fanOut.subscribe(request, held))
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      // What was published here before close() reaches this process's subscribers first.
      await this.#topics.delivered(Date.now() + this.#settings.commandTimeout)
      this.#fanOut.close()
      this.#outage.close()
      this.#topics.close()
      await this.#link.release()
    })()
    return this.#closing
  }

  // Every option is checked before anything is followed. The fan-out checks them all before it
  // answers HEAD, but for `retry` and `heartbeat`, which only a stream uses.
  #checkedHeaders(request: Request, options: SubscribeOptions): Headers {
    const head = new Request(request.url, { method: 'HEAD' })
    const { headers } = this.#fanOut.subscribe(head, { ...options, onClose: undefined })
    if (options.retry !== undefined) checkRetryOption(options.retry)
    if (options.heartbeat !== undefined) checkHeartbeat(options.heartbeat)
    return headers
  }

  // Redis did not answer in time, so the subscriber cannot be live: its stream ends at once with
  // the `retry:` hint, and the client comes back (with its Last-Event-ID) when Redis may be back.
  #sentAway(headers: Headers, options: SubscribeOptions): Response {
    options.onClose?.('server')
    return new Response(encode({ retry: this.#settings.outageRetry }), { headers })
  }
}
