import {
  type EncodeOptions,
  type EventMap,
  encode,
  type PublishOptions,
  type SSEMessage,
  type SubscribeOptions,
  type SubscriberDefaults,
} from '@ssekit/core'
import { DEFAULT_TOPIC, type FanOut } from '@ssekit/core/backend'
import type { ChannelNamespace, ChannelStub } from './channel-namespace.ts'
import { subscribeLinked } from './link.ts'
import { checkRetryAfterReset, type DurableChannelOptions } from './options.ts'

/**
 * A channel whose history and broadcast live in a Durable Object, so every isolate, anywhere,
 * serves one feed. It has the in-memory `Channel`'s names: moving from `createChannel()` is a
 * one-line change, plus an `await` (each call crosses to the object).
 *
 * @example A chat room that spans every isolate
 * ```ts
 * import { type DurableChannel, durableChannel, type SSEChannelObject } from '@ssekit/cloudflare'
 * const env = {} as { CHANNELS: DurableObjectNamespace<SSEChannelObject> }
 * const room: DurableChannel<{ chat: { text: string } }> = durableChannel(env.CHANNELS, 'room-1')
 * if (request.method === 'POST') {
 *   const id = await room.publish({ event: 'chat', data: { text: 'hi' } })
 *   return new Response(id, { status: 201 })
 * }
 * return room.subscribe(request)
 * ```
 */
export interface DurableChannel<M extends EventMap = EventMap> {
  /** The channel's name: one Durable Object per name. */
  readonly name: string
  /**
   * Encodes a message here (a bad one throws before anything is sent), then has the object
   * store it under the next ID and send it to every subscriber of its topic, in every isolate.
   *
   * @param message The event, without `id`: the object numbers events 1, 2, 3, …
   * @param options The topic.
   * @returns The event's ID, once it is stored in SQLite.
   * @throws {SyntaxError | RangeError | TypeError} The message cannot be encoded, has an `id`, or
   *   the topic is not a string; nothing is stored.
   * @throws {Error} The channel is closed, or the object failed.
   */
  publish(message: SSEMessage<M>, options?: PublishOptions): Promise<string>
  /**
   * Opens a client's event stream, as `Channel.subscribe` does: a replay from SQLite after its
   * `Last-Event-ID` (the gap event if that ID expired), or an `id:` anchor at the newest event,
   * then live events with no gap and no repeat. Heartbeats come from this Worker, so the object
   * stays asleep. When the client leaves (a cancel, or the next write failing) its WebSocket to
   * the object closes at once. When the object resets, the stream ends with a `retry:` hint.
   *
   * @param request The client's request: its method, `signal` and `Last-Event-ID` are used.
   * @param options Topics, slow-consumer policy, heartbeat, headers, `signal`, `onClose`.
   * @returns The streaming response; `204` once the channel is closed.
   * @throws {RangeError | TypeError} An option is invalid.
   */
  subscribe(request: Request, options?: SubscribeOptions): Promise<Response>
  /** How many streams this object holds open in this isolate. */
  readonly size: number
  /** Whether {@link DurableChannel.close} was called. */
  readonly closed: boolean
  /**
   * Ends the streams this object holds in this isolate (`onClose` gets `'server'`), and refuses
   * new publishes and subscribers here. The Durable Object and its history stay.
   */
  close(): void
}

/**
 * The channel named `name` in a namespace bound to `SSEChannelObject` (or a subclass).
 * Cheap to call per request: the stub is made when it is used.
 *
 * @param namespace The Durable Object binding, e.g. `env.CHANNELS`.
 * @param name The channel's name, e.g. a room's ID.
 * @param options Subscriber defaults, the serializer, and the retry after a reset.
 * @returns The channel.
 * @throws {RangeError | TypeError} An option is invalid.
 *
 * @example A Worker that serves one feed from every isolate
 * ```ts
 * import { durableChannel, type SSEChannelObject } from '@ssekit/cloudflare'
 * const env = {} as { CHANNELS: DurableObjectNamespace<SSEChannelObject> }
 * const feed = durableChannel(env.CHANNELS, 'feed', { heartbeat: 20_000 })
 * return feed.subscribe(request)
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header
 */
export function durableChannel<M extends EventMap = EventMap>(
  namespace: ChannelNamespace,
  name: string,
  options: DurableChannelOptions = {},
): DurableChannel<M> {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError('Cannot create the channel: `name` must be a non-empty string')
  }
  return new ObjectChannel<M>(namespace, name, options)
}

class ObjectChannel<M extends EventMap> implements DurableChannel<M> {
  readonly name: string
  readonly #namespace: ChannelNamespace
  readonly #defaults: SubscriberDefaults
  readonly #encodeOptions: EncodeOptions
  readonly #retryAfterReset: number
  readonly #open = new Set<FanOut>()
  #closed = false

  constructor(namespace: ChannelNamespace, name: string, options: DurableChannelOptions) {
    this.name = name
    this.#namespace = namespace
    const { serialize, retryAfterReset, ...defaults } = options
    this.#defaults = defaults
    this.#encodeOptions = { serialize }
    this.#retryAfterReset = checkRetryAfterReset(retryAfterReset)
  }

  get size(): number {
    return this.#open.size
  }

  get closed(): boolean {
    return this.#closed
  }

  async publish(message: SSEMessage<M>, options?: PublishOptions): Promise<string> {
    if (this.#closed) throw new Error('Cannot publish: the channel is closed')
    const topic = options?.topic ?? DEFAULT_TOPIC
    if (typeof topic !== 'string') throw new TypeError('Cannot publish: `topic` must be a string')
    if (typeof message === 'object' && message !== null && message.id !== undefined) {
      throw new TypeError('Cannot publish message: `id` is set by the channel; leave it out')
    }
    return this.#stub().append(encode(message, this.#encodeOptions), topic)
  }

  async subscribe(request: Request, options: SubscribeOptions = {}): Promise<Response> {
    if (this.#closed) return new Response(null, { status: 204 })
    return subscribeLinked(request, options, {
      stub: this.#stub(),
      defaults: this.#defaults,
      retryAfterReset: this.#retryAfterReset,
      opened: (fanOut) => {
        if (this.#closed) fanOut.close()
        else this.#open.add(fanOut)
      },
      ended: (fanOut) => {
        this.#open.delete(fanOut)
      },
    })
  }

  close(): void {
    this.#closed = true
    for (const fanOut of [...this.#open]) fanOut.close()
  }

  #stub(): ChannelStub {
    return this.#namespace.get(this.#namespace.idFromName(this.name))
  }
}
