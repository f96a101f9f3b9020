import type {
  Channel,
  ChannelMessage,
  ChannelStats,
  PublishOptions,
  SubscribeOptions,
  SubscriberDefaults,
} from '@ssekit/channel'
import { checkPublish, type FanOut } from '@ssekit/channel/backend'
import { type EncodeOptions, type EventMap, encode } from '@ssekit/core'
import { instrumentation } from '@ssekit/core/backend'
import type { ChannelNamespace, ChannelStub } from './channel-namespace.ts'
import { checkDefaults, subscribeLinked } from './link.ts'
import { objectReached } from './object-health.ts'
import { checkRetryAfterReset, type DurableChannelOptions } from './options.ts'
import { publishError } from './publish-error.ts'

/**
 * The channel named `name` in a namespace bound to `SSEChannelObject` (or a subclass): the
 * `Channel` of `@ssekit/channel`, whose history and broadcast live in a Durable Object, so every
 * isolate, anywhere, serves one feed. Moving a feed here from `createChannel()` changes the line
 * that makes it. Cheap to call per request: the stub is made when it is used.
 *
 * @param namespace The Durable Object binding, e.g. `env.CHANNELS`.
 * @param name The channel's name, e.g. a room's ID: one Durable Object per name.
 * @param options Subscriber defaults, the serializer, and the retry after a reset.
 * @returns The channel. Its `size`, `buffered` and `stats` count this isolate's side of it.
 * @throws {RangeError | TypeError} An option is invalid.
 *
 * @example A chat room that spans every isolate
 * ```ts
 * import { createDurableChannel, type SSEChannelObject } from '@ssekit/cloudflare'
 * const env = {} as { CHANNELS: DurableObjectNamespace<SSEChannelObject> }
 * const room = createDurableChannel<{ chat: { text: string } }>(env.CHANNELS, 'room-1')
 * if (request.method === 'POST') {
 *   const id = await room.publish({ event: 'chat', data: { text: 'hi' } })
 *   return new Response(id, { status: 201 })
 * }
 * return room.subscribe(request)
 * ```
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header
 */
export function createDurableChannel<M extends EventMap = EventMap>(
  namespace: ChannelNamespace,
  name: string,
  options: DurableChannelOptions = {},
): Channel<M> {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError('Cannot create the channel: `name` must be a non-empty string')
  }
  return new DurableChannel<M>(namespace, name, options)
}

// Each subscriber has a one-client fan-out of its own (see link.ts): the channel sums them.
class DurableChannel<M extends EventMap> implements Channel<M> {
  readonly #name: string
  readonly #namespace: ChannelNamespace
  readonly #defaults: SubscriberDefaults
  readonly #encodeOptions: EncodeOptions
  readonly #retryAfterReset: number
  readonly #open = new Set<FanOut>()
  // Subscribes waiting for their socket to the object: close() waits for them.
  readonly #opening = new Set<Promise<Response>>()
  // What the fan-outs that ended did, so `stats` keeps counting them.
  readonly #ended = { slowDisconnects: 0, dropped: 0 }
  #published = 0
  #closed = false

  constructor(namespace: ChannelNamespace, name: string, options: DurableChannelOptions) {
    this.#name = name
    this.#namespace = namespace
    const { serialize, retryAfterReset, ...defaults } = options
    checkDefaults(defaults)
    this.#defaults = defaults
    this.#encodeOptions = { serialize }
    this.#retryAfterReset = checkRetryAfterReset(retryAfterReset)
  }

  get size(): number {
    let open = 0
    for (const fanOut of this.#open) open += fanOut.size
    return open
  }

  get buffered(): number {
    let bytes = 0
    for (const fanOut of this.#open) bytes += fanOut.buffered
    return bytes
  }

  get closed(): boolean {
    return this.#closed
  }

  get stats(): ChannelStats {
    let { slowDisconnects, dropped } = this.#ended
    for (const fanOut of this.#open) {
      slowDisconnects += fanOut.stats.slowDisconnects
      dropped += fanOut.stats.dropped
    }
    return { published: this.#published, slowDisconnects, dropped }
  }

  async publish(message: ChannelMessage<M>, options?: PublishOptions): Promise<string> {
    const topic = checkPublish(message, options, this.#closed)
    const frame = encode(message, this.#encodeOptions)
    const stub = this.#stub()
    const scope = instrumentation()?.publishStarted('durable-object', topic)
    let id: string
    try {
      // Without a trace, the call keeps its two arguments: an object deployed before takes it.
      id = await (scope?.traceparent === undefined
        ? stub.append(frame, topic)
        : stub.append(frame, topic, scope.traceparent))
    } catch (error) {
      const failure = publishError(error, this.#retryAfterReset)
      scope?.end({ error: failure })
      throw failure
    }
    this.#published++
    objectReached()
    scope?.end({ id })
    return id
  }

  async subscribe(request: Request, options: SubscribeOptions = {}): Promise<Response> {
    if (this.#closed) {
      options.onClose?.('server')
      return new Response(null, { status: 204 })
    }
    const subscribing = subscribeLinked(request, options, {
      stub: this.#stub(),
      defaults: this.#defaults,
      retryAfterReset: this.#retryAfterReset,
      opened: (fanOut) => {
        if (this.#closed) fanOut.close()
        else this.#open.add(fanOut)
      },
      ended: (fanOut) => {
        if (!this.#open.delete(fanOut)) return
        this.#ended.slowDisconnects += fanOut.stats.slowDisconnects
        this.#ended.dropped += fanOut.stats.dropped
      },
    })
    this.#opening.add(subscribing)
    try {
      return await subscribing
    } finally {
      this.#opening.delete(subscribing)
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const fanOut of [...this.#open]) fanOut.close()
    // A subscribe still opening its socket sees the close once the socket is open, and lets go.
    await Promise.allSettled([...this.#opening])
  }

  #stub(): ChannelStub {
    return this.#namespace.get(this.#namespace.idFromName(this.#name))
  }
}
