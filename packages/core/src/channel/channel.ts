import { type EncodeOptions, encode } from '../encode.ts'
import type { EventMap, SSEMessage } from '../types.ts'
import { type IdGenerator, timeOrderedIds } from './event-id.ts'
import { FanOut } from './fan-out.ts'
import {
  type ChannelOptions,
  DEFAULT_TOPIC,
  type PublishOptions,
  type SubscribeOptions,
} from './options.ts'
import { StoreReplay } from './replay.ts'
import { RingBufferStore } from './stores.ts'

const encoder = new TextEncoder()

/**
 * Counters of a channel's work since it was created, for tests and metrics.
 *
 * @example Check that fan-out encodes once
 * ```ts
 * import { createChannel, type ChannelStats } from '@ssekit/core'
 * const channel = createChannel()
 * channel.publish({ data: 'hello' })
 * const stats: ChannelStats = channel.stats
 * return new Response(`${stats.encodes} encode for ${stats.published} event`)
 * ```
 */
export interface ChannelStats {
  /** Events published. */
  readonly published: number
  /** Messages encoded by `publish`: one per event, however many subscribers receive it. */
  readonly encodes: number
  /** Subscribers closed by the `'disconnect'` slow-consumer policy. */
  readonly slowDisconnects: number
  /** Queued writes (events or keep-alives) dropped by the `'drop-oldest'` policy. */
  readonly dropped: number
}

/**
 * A broadcast of events to every subscribed client, with replay for reconnecting clients.
 * Created by {@link createChannel}.
 *
 * @example A chat room
 * ```ts
 * import { createChannel } from '@ssekit/core'
 * const room = createChannel<{ chat: { from: string; text: string } }>()
 * function handle(request: Request): Response {
 *   if (request.method === 'POST') {
 *     const id = room.publish({ event: 'chat', data: { from: 'ada', text: 'hi' } })
 *     return new Response(id, { status: 201 })
 *   }
 *   return room.subscribe(request)
 * }
 * return handle(new Request('https://example.com/chat'))
 * ```
 */
export interface Channel<M extends EventMap = EventMap> {
  /**
   * Validates, encodes once, stores and queues a message for every follower of its topic, without
   * waiting for any of them. A message without `id` gets one from the channel's `generateId`.
   *
   * @param message The event. Its `id`, if set, must be unique and non-empty: clients resume from it.
   * @param options The topic.
   * @returns The event's ID.
   * @throws {SyntaxError | RangeError | TypeError} The message cannot be encoded (see `encode`);
   *   nothing is stored or sent, and the channel carries on.
   * @throws {Error} The channel is closed.
   */
  publish(message: SSEMessage<M>, options?: PublishOptions): string
  /**
   * Opens an event stream for a client. With a `Last-Event-ID` header (or `?lastEventId=`), it first
   * replays the stored events after that ID, then goes live with no gap and no repeat. If the ID is
   * unknown or expired (or longer than any ID a channel issues), it sends a {@link GAP_EVENT} and
   * then everything still stored. Without one, it starts live, with an `id:` line holding the
   * latest event's ID (no event fires) so that a client cut off before its first event resumes
   * from there. The subscriber leaves when the client disconnects. A `HEAD` request gets the
   * headers alone and no subscriber. On a closed channel it returns `204 No Content`, which tells
   * an `EventSource` to stop reconnecting.
   *
   * @param request The client's request: its method, `signal` and `Last-Event-ID` are used.
   * @param options Topics, slow-consumer policy, heartbeat, headers.
   * @returns The streaming `text/event-stream` response.
   * @throws {RangeError | TypeError} An option is invalid.
   */
  subscribe(request: Request, options?: SubscribeOptions): Response
  /** How many subscribers are connected now. */
  readonly size: number
  /**
   * Bytes waiting for slow clients, summed over subscribers (each counts the events it holds, even
   * though subscribers share one copy of each). Each subscriber holds at most its `maxBuffered`.
   */
  readonly buffered: number
  /** Whether {@link Channel.close} was called. */
  readonly closed: boolean
  /** What the channel has done so far. */
  readonly stats: ChannelStats
  /** Ends every subscriber's stream (`onClose` gets `'server'`) and refuses new publishes. */
  close(): void
}

/**
 * Creates a channel: publish an event once and every subscriber gets the same bytes; clients that
 * reconnect catch up from `Last-Event-ID`. With no options it keeps the last 1 000 events, closes
 * subscribers more than 256 KiB behind (they reconnect and replay), and sends heartbeats every 15 s.
 *
 * @param options The replay store, ID scheme, serializer and subscriber defaults.
 * @returns A new, open channel.
 *
 * @example Broadcast prices to every client
 * ```ts
 * import { createChannel } from '@ssekit/core'
 * const prices = createChannel<{ price: { symbol: string; usd: number } }>()
 * setInterval(() => prices.publish({ event: 'price', data: { symbol: 'BTC', usd: 1e5 } }), 1000)
 * // In the GET handler: replay what the client missed, then stream live.
 * return prices.subscribe(request)
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header
 */
export function createChannel<M extends EventMap = EventMap>(
  options: ChannelOptions = {},
): Channel<M> {
  return new MemoryChannel<M>(options)
}

// The channel of one process: its log is the replay store, its fan-out is local.
class MemoryChannel<M extends EventMap> implements Channel<M> {
  readonly #replay: StoreReplay
  readonly #fanOut: FanOut
  readonly #generateId: IdGenerator
  readonly #encodeOptions: EncodeOptions
  #published = 0
  #encodes = 0

  constructor(options: ChannelOptions) {
    this.#replay = new StoreReplay(options.store ?? new RingBufferStore())
    this.#fanOut = new FanOut(this.#replay, options)
    this.#generateId = options.generateId ?? timeOrderedIds()
    this.#encodeOptions = { serialize: options.serialize }
  }

  get size(): number {
    return this.#fanOut.size
  }

  get closed(): boolean {
    return this.#fanOut.closed
  }

  get buffered(): number {
    return this.#fanOut.buffered
  }

  get stats(): ChannelStats {
    return { published: this.#published, encodes: this.#encodes, ...this.#fanOut.stats }
  }

  publish(message: SSEMessage<M>, options?: PublishOptions): string {
    if (this.closed) throw new Error('Cannot publish: the channel is closed')
    const topic = options?.topic ?? DEFAULT_TOPIC
    if (typeof topic !== 'string') throw new TypeError('Cannot publish: `topic` must be a string')
    let { id } = message
    if (id === '') throw new TypeError('Cannot publish message: `id` cannot be empty in a channel')
    if (id === undefined) {
      id = this.#generateId()
      message = { ...message, id }
    }
    // The one encode: it validates (throwing to the publisher) and makes the bytes all share.
    const event = { id, topic, bytes: encoder.encode(encode(message, this.#encodeOptions)) }
    this.#encodes++
    this.#published++
    this.#replay.append(event)
    this.#fanOut.deliver(event)
    return id
  }

  subscribe(request: Request, options?: SubscribeOptions): Response {
    return this.#fanOut.subscribe(request, options)
  }

  close(): void {
    this.#fanOut.close()
  }
}
