import type {
  Channel,
  ChannelMessage,
  ChannelStats,
  PublishOptions,
  SubscribeOptions,
} from '@ssekit/channel'
import {
  checkPublish,
  compareTimeOrderedIds,
  FanOut,
  subscribedTopics,
} from '@ssekit/channel/backend'
import { type EncodeOptions, type EventMap, encode } from '@ssekit/core'
import { instrumentation, logEvent } from '@ssekit/core/backend'
import { RedisUnavailableError } from './errors.ts'
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
import { RedisReplay, storedEvent } from './redis-replay.ts'
import { publishScript } from './scripts.ts'
import { untilReady } from './until-ready.ts'

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
): Channel<M> {
  return new RedisChannel<M>(options)
}

// How long a publish waits for a new process's first connection to Redis.
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
  // Per topic: how many subscribers here follow it, and how to stop reading its stream.
  readonly #topics = new Map<string, { users: number; unwatch: () => void }>()
  readonly #outage: OutageWatch
  #latest: string | undefined
  #closing: Promise<void> | undefined
  #published = 0

  constructor(options: RedisChannelOptions) {
    const settings = redisChannelSettings(options)
    this.#settings = settings
    this.#encodeOptions = { serialize: options.serialize }
    this.#keys = channelKeys(settings.keyPrefix, settings.name)
    this.#link = acquireLink(settings.redis, { blockMs: settings.blockMs, count: READ_COUNT })
    const replay = new RedisReplay(this.#link, this.#keys, settings.maxOutage, () =>
      this.#latestId(),
    )
    this.#fanOut = new FanOut(replay, {
      retry: options.retry,
      heartbeat: options.heartbeat,
      maxBuffered: options.maxBuffered,
      slowConsumer: options.slowConsumer,
      compareIds: rememberingIdOrder(),
      // A replay Redis could not serve before maxOutage: the history is still there, so the
      // client is sent away to come back for it, not told with a gap event that it is lost.
      replayFailure: { retry: settings.outageRetry },
      backend: 'redis',
    })
    this.#outage = new OutageWatch(this.#link, settings.maxOutage, () => {
      instrumentation()?.backendError('redis', 'outage')
      logEvent({
        level: 'warn',
        event: 'ssekit.redis.outage.too-long',
        msg: `Redis has been unreachable for ${settings.maxOutage} ms: ending ${this.#fanOut.size} streams so their clients reconnect and replay`,
        backend: 'redis',
        channel: settings.name,
        streams: this.#fanOut.size,
      })
      this.#fanOut.disconnectAll({ retry: settings.outageRetry })
    })
  }

  get size(): number {
    return this.#fanOut.size
  }

  get buffered(): number {
    return this.#fanOut.buffered
  }

  get closed(): boolean {
    return this.#fanOut.closed
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
        (id) => {
          this.#published++
          scope?.end({ id: String(id) })
          return String(id)
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
    // Nothing to read for these: the fan-out answers (204, or the headers alone).
    if (this.closed || request.method === 'HEAD') return this.#fanOut.subscribe(request, options)
    const topics = subscribedTopics(options.topics)
    let released = false
    const release = () => {
      if (released) return
      released = true
      for (const topic of topics) this.#unfollow(topic)
    }
    // Followed before the fan-out reads the replay, so the live tail starts first (see Positions).
    for (const topic of topics) this.#follow(topic)
    try {
      return this.#fanOut.subscribe(request, {
        ...options,
        onClose: (reason) => {
          release()
          options.onClose?.(reason)
        },
      })
    } catch (error) {
      release()
      throw error
    }
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#fanOut.close()
      this.#outage.close()
      for (const { unwatch } of this.#topics.values()) unwatch()
      this.#topics.clear()
      await this.#link.release()
    })()
    return this.#closing
  }

  // The anchor of a fresh subscriber: the newest event delivered here, or, before any was, the
  // newest entry of the streams followed, so that a process's first clients resume from it too.
  #latestId(): string | undefined {
    let latest = this.#latest
    for (const topic of this.#topics.keys()) {
      const position = this.#link.reader.position(this.#keys.stream(topic))
      if (position === undefined || position === '0-0') continue
      if (latest === undefined || compareTimeOrderedIds(position, latest) > 0) latest = position
    }
    return latest
  }

  #follow(topic: string): void {
    const following = this.#topics.get(topic)
    if (following !== undefined) {
      following.users++
      return
    }
    const stream = this.#keys.stream(topic)
    const unwatch = this.#link.reader.watch(
      stream,
      (id, body, traceparent) => {
        if (this.#latest === undefined || compareTimeOrderedIds(id, this.#latest) > 0)
          this.#latest = id
        this.#fanOut.deliver(storedEvent(topic, id, body, traceparent))
      },
      (position, size) => this.#guardBatch(stream, position, size),
    )
    this.#topics.set(topic, { users: 1, unwatch })
  }

  // A reader that fell further behind than the stream keeps would jump past the trimmed entries
  // without a word. It can only have when its batch is as long as what is kept (or it read from
  // an ID older than `maxAge`), so only then is the trim record read, before the batch goes out.
  #guardBatch(stream: string, position: string, size: number): Promise<void> | undefined {
    const { maxLen, maxAge } = this.#settings
    const byCount = maxLen !== false && size >= Math.min(maxLen, READ_COUNT)
    const byAge = maxAge !== undefined && Date.now() - Number(position.split('-')[0]) >= maxAge
    return byCount || byAge ? this.#checkTrimmed(stream, position) : undefined
  }

  async #checkTrimmed(stream: string, position: string): Promise<void> {
    let trimmed: unknown
    try {
      trimmed = await this.#link.commands.send('HGET', [this.#keys.meta, `trimmed:${stream}`])
    } catch {
      return // Redis is away: the read that follows fails too, and resumes from the same place.
    }
    if (typeof trimmed !== 'string' || !(compareTimeOrderedIds(trimmed, position) > 0)) return
    // Entries this reader never read are gone: its subscribers would miss them unawares. Send
    // them away to resume; their replay sees the trim and sends the gap event.
    this.#fanOut.disconnectAll({ retry: this.#settings.outageRetry })
  }

  #unfollow(topic: string): void {
    const following = this.#topics.get(topic)
    if (following === undefined || --following.users > 0) return
    this.#topics.delete(topic)
    following.unwatch()
  }
}
