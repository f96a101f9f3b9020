import type { EncodeOptions } from '../encode.ts'
import { DEFAULT_HIGH_WATER_MARK } from '../internal/stream-options.ts'
import type { ClientStreamOptions } from '../types.ts'
import type { IdGenerator } from './event-id.ts'
import type { ReplayStore } from './stores.ts'

/**
 * What a channel does with a subscriber whose unread bytes pass its `maxBuffered`:
 * - `'disconnect'` drops what waits and ends its stream. The client reconnects with the last ID it
 *   received and replays the rest, so nothing within the replay window is lost.
 * - `'drop-oldest'` keeps the stream and drops its oldest unsent events: the client silently misses
 *   them, and a later reconnect does not bring them back.
 *
 * @example Prefer freshness for a price ticker
 * ```ts
 * import { createChannel, type SlowConsumerPolicy } from '@ssekit/core'
 * const slowConsumer: SlowConsumerPolicy = 'drop-oldest'
 * const prices = createChannel({ slowConsumer })
 * return prices.subscribe(new Request('https://example.com/prices'))
 * ```
 */
export type SlowConsumerPolicy = 'disconnect' | 'drop-oldest'

/**
 * How each subscriber's stream behaves; set for a whole channel, or per subscriber.
 *
 * @example Defaults for every subscriber of a channel
 * ```ts
 * import { createChannel, type SubscriberDefaults } from '@ssekit/core'
 * const defaults: SubscriberDefaults = { maxBuffered: 1 << 20, heartbeat: 10_000, retry: 2_000 }
 * return createChannel(defaults).subscribe(request)
 * ```
 */
export interface SubscriberDefaults extends Pick<ClientStreamOptions, 'retry' | 'heartbeat'> {
  /**
   * Unread bytes one subscriber may hold before its `slowConsumer` policy applies. Subscribers share
   * each event's bytes, so this bounds the number of events held, not copies of them.
   * @defaultValue 262144 (256 KiB)
   */
  maxBuffered?: number | undefined
  /**
   * What to do with a subscriber that falls `maxBuffered` bytes behind.
   * @defaultValue `'disconnect'`
   */
  slowConsumer?: SlowConsumerPolicy | undefined
}

/**
 * Options for {@link createChannel}.
 *
 * @example A channel that keeps ten minutes of events and drops what slow clients cannot take
 * ```ts
 * import { type ChannelOptions, createChannel, TtlStore } from '@ssekit/core'
 * const options: ChannelOptions = {
 *   store: new TtlStore({ ttl: 10 * 60_000 }),
 *   slowConsumer: 'drop-oldest',
 * }
 * return createChannel(options).subscribe(request)
 * ```
 */
export interface ChannelOptions extends SubscriberDefaults, EncodeOptions {
  /**
   * Where events are kept for replay.
   * @defaultValue `new RingBufferStore({ capacity: 1000 })`
   */
  store?: ReplayStore | undefined
  /**
   * Makes the ID of an event published without one. IDs must be unique within the channel.
   * @defaultValue {@link timeOrderedIds}`()`
   */
  generateId?: IdGenerator | undefined
}

/**
 * Options for {@link Channel.publish}.
 *
 * @example Publish to one room
 * ```ts
 * import { createChannel, type PublishOptions } from '@ssekit/core'
 * const rooms = createChannel()
 * const options: PublishOptions = { topic: 'room-42' }
 * return new Response(rooms.publish({ data: 'hello, room 42' }, options))
 * ```
 */
export interface PublishOptions {
  /**
   * The topic the event goes to; only its followers receive it.
   * @defaultValue `'default'`
   */
  topic?: string | undefined
}

/**
 * Options for {@link Channel.subscribe}.
 *
 * @example Follow two rooms and log why the stream closed
 * ```ts
 * import { createChannel, type SubscribeOptions } from '@ssekit/core'
 * const rooms = createChannel()
 * const options: SubscribeOptions = {
 *   topics: ['room-1', 'room-2'],
 *   onClose: (reason) => console.log('left:', reason),
 * }
 * return rooms.subscribe(request, options)
 * ```
 */
export interface SubscribeOptions extends SubscriberDefaults {
  /**
   * The topic or topics to follow.
   * @defaultValue `'default'`
   */
  topics?: string | readonly string[] | undefined
  /**
   * Aborts when the client goes away.
   * @defaultValue `request.signal`
   */
  signal?: AbortSignal | undefined
  /** Extra response headers; they may override the event-stream defaults. */
  headers?: HeadersInit | undefined
  /** Called exactly once, after the subscriber is gone and its stream closed. */
  onClose?: ClientStreamOptions['onClose']
}

/**
 * The topic of events published, and followed, without naming one.
 *
 * @example A backend that keeps one log per topic
 * ```ts
 * import { DEFAULT_TOPIC } from '@ssekit/core/backend'
 * const logKey = (topic = DEFAULT_TOPIC) => `events:${topic}`
 * return new Response(logKey())
 * ```
 */
export const DEFAULT_TOPIC: string = 'default'
/** A subscriber's default `maxBuffered`. */
export const DEFAULT_MAX_BUFFERED: number = 256 * 1024

/** A subscriber's options, checked, with the channel's defaults filled in. */
export interface SubscriberSettings {
  topics: ReadonlySet<string>
  policy: SlowConsumerPolicy
  maxBuffered: number
  /** The connection's high-water mark: replays pause when this much waits. */
  pace: number
}

/**
 * Throws `TypeError`/`RangeError` to the caller of `subscribe` (or of `createChannel`, for a bad
 * default: `action` names which) for a bad option.
 */
export function subscriberSettings(
  options: SubscribeOptions,
  defaults: SubscriberDefaults,
  action = 'subscribe',
): SubscriberSettings {
  const maxBuffered = options.maxBuffered ?? defaults.maxBuffered ?? DEFAULT_MAX_BUFFERED
  if (!(maxBuffered > 0)) {
    throw new RangeError(
      `Cannot ${action}: option \`maxBuffered\` must be a positive number of bytes, got ${String(maxBuffered)}`,
    )
  }
  const policy = options.slowConsumer ?? defaults.slowConsumer ?? 'disconnect'
  if (policy !== 'disconnect' && policy !== 'drop-oldest') {
    throw new TypeError(
      `Cannot ${action}: option \`slowConsumer\` must be 'disconnect' or 'drop-oldest', got ${String(policy)}`,
    )
  }
  return {
    topics: topicSet(options.topics),
    policy,
    maxBuffered,
    // Half the budget at most, so a paced replay leaves room for live events meanwhile.
    pace: Math.min(DEFAULT_HIGH_WATER_MARK, Math.max(1, Math.floor(maxBuffered / 2))),
  }
}

function topicSet(topics: SubscribeOptions['topics']): ReadonlySet<string> {
  const list =
    topics === undefined ? [DEFAULT_TOPIC] : typeof topics === 'string' ? [topics] : topics
  if (!Array.isArray(list)) {
    throw new TypeError('Cannot subscribe: option `topics` must be a string or strings')
  }
  if (list.length === 0) throw new RangeError('Cannot subscribe: option `topics` names no topic')
  for (const topic of list) {
    if (typeof topic !== 'string') {
      throw new TypeError('Cannot subscribe: option `topics` must be a string or strings')
    }
  }
  return new Set(list)
}
