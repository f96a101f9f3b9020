import type { ConnectionOptions, EncodeOptions, EventMap, SSEMessage } from '@ssekit/core'
import type { IdGenerator } from './event-id.ts'
import type { ReplayStore } from './stores/replay-store.ts'

/**
 * What a channel does with a subscriber whose unread bytes pass its `maxBuffered`:
 * - `'disconnect'` drops what waits and ends its stream. The client reconnects with the last ID it
 *   received and replays the rest, so nothing within the replay window is lost.
 * - `'drop-oldest'` keeps the stream and drops its oldest unsent events: the client silently misses
 *   them, and a later reconnect does not bring them back.
 *
 * @example Prefer freshness for a price ticker
 * ```ts
 * import { createChannel, type SlowConsumerPolicy } from '@ssekit/channel'
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
 * import { createChannel, type SubscriberDefaults } from '@ssekit/channel'
 * const defaults: SubscriberDefaults = { maxBuffered: 1 << 20, heartbeat: 10_000, retry: 2_000 }
 * return createChannel(defaults).subscribe(request)
 * ```
 */
export interface SubscriberDefaults extends Pick<ConnectionOptions, 'retry' | 'heartbeat'> {
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
 * import { type ChannelOptions, createChannel, TtlStore } from '@ssekit/channel'
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
 * import { createChannel, type PublishOptions } from '@ssekit/channel'
 * const rooms = createChannel()
 * const options: PublishOptions = { topic: 'room-42' }
 * return new Response(await rooms.publish({ data: 'hello, room 42' }, options))
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
 * Options for {@link Channel.subscribe}. `expiresAt` and `checkCredentials` end a stream whose
 * credentials expired with the `ssekit-expired` event and `retry: 0`, as for any `@ssekit/core`
 * stream, so the client comes back at once with fresh ones and resumes.
 *
 * @example Follow two rooms and log why the stream closed
 * ```ts
 * import { createChannel, type SubscribeOptions } from '@ssekit/channel'
 * const rooms = createChannel()
 * const options: SubscribeOptions = {
 *   topics: ['room-1', 'room-2'],
 *   onClose: (reason) => console.log('left:', reason),
 * }
 * return rooms.subscribe(request, options)
 * ```
 */
export interface SubscribeOptions
  extends SubscriberDefaults,
    Pick<ConnectionOptions, 'expiresAt' | 'checkCredentials'> {
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
  onClose?: ConnectionOptions['onClose']
  /**
   * An event for this client alone, sent before anything else (a replay, the `id:` anchor, live
   * events): a token or a snapshot only this stream should get. It may not carry an `id`, so the
   * client's resume point stays the channel's.
   * @defaultValue none
   */
  initialEvent?: (SSEMessage<EventMap> & { id?: undefined }) | undefined
  /**
   * Compresses this subscriber's stream, flushed once per flush turn so every event still
   * arrives at once: `compression(request)` from `@ssekit/compress`. The channel encodes each
   * event once; each compressed subscriber compresses its own stream.
   * @defaultValue none
   */
  compress?: ConnectionOptions['compress']
  /**
   * Ends the stream right after the first event of this type (its `event:` name) is written,
   * live or in a replay, and `onClose` gets `'server'`: for a stream whose last event says it is
   * over, such as a finished job's. A client that resumes after that event gets nothing more
   * from the channel, so answer it yourself (with `204`, which stops an `EventSource`).
   * @defaultValue none
   */
  closeAfter?: string | undefined
}

/**
 * The topic of events published, and followed, without naming one.
 *
 * @example A backend that keeps one log per topic
 * ```ts
 * import { DEFAULT_TOPIC } from '@ssekit/channel/backend'
 * const logKey = (topic = DEFAULT_TOPIC) => `events:${topic}`
 * return new Response(logKey())
 * ```
 */
export const DEFAULT_TOPIC: string = 'default'
