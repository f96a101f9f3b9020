import { type EncodeOptions, type EventMap, encode } from '@ssekit/core'
import { instrumentation } from '@ssekit/core/backend'
import type { Channel, ChannelMessage, ChannelStats } from './channel.ts'
import { type IdGenerator, timeOrderedIds } from './event-id.ts'
import { FanOut } from './fan-out.ts'
import type { ChannelOptions, PublishOptions, SubscribeOptions } from './options.ts'
import { checkPublish } from './publish-checks.ts'
import { StoreReplay } from './replay.ts'
import { RingBufferStore } from './stores/ring-buffer-store.ts'

const encoder = new TextEncoder()

/**
 * Creates a channel in this process's memory: publish an event once and every subscriber gets
 * the same bytes; clients that reconnect catch up from `Last-Event-ID`. With no options it keeps
 * the last 1 000 events, closes subscribers more than 256 KiB behind (they reconnect and
 * replay), and sends heartbeats every 15 s. Its work is done at once: `publish()` has delivered
 * when its promise is made.
 *
 * @param options The replay store, ID scheme, serializer and subscriber defaults.
 * @returns A new, open channel.
 * @throws {RangeError | TypeError} A subscriber default is invalid.
 *
 * @example Broadcast prices to every client
 * ```ts
 * import { createChannel } from '@ssekit/channel'
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
    return { published: this.#published, ...this.#fanOut.stats }
  }

  publish(message: ChannelMessage<M>, options?: PublishOptions): Promise<string> {
    try {
      return Promise.resolve(this.#publishNow(message, options))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  subscribe(request: Request, options?: SubscribeOptions): Promise<Response> {
    try {
      return Promise.resolve(this.#fanOut.subscribe(request, options))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  close(): Promise<void> {
    this.#fanOut.close()
    return Promise.resolve()
  }

  #publishNow(message: ChannelMessage<M>, options: PublishOptions | undefined): string {
    const topic = checkPublish(message, options, this.closed)
    const scope = instrumentation()?.publishStarted('memory', topic)
    try {
      // The one encode: it validates (throwing to the publisher) and makes the bytes all share.
      const text = encode(message, this.#encodeOptions)
      const id = checkGeneratedId(this.#generateId())
      // Field order within an event does not matter to a client: the ID line goes first.
      const bytes = encoder.encode(`id: ${id}\n${text}`)
      const event = { id, topic, bytes, traceparent: scope?.traceparent }
      this.#published++
      this.#replay.append(event)
      this.#fanOut.deliver(event)
      scope?.end({ id })
      return id
    } catch (error) {
      scope?.end({ error })
      throw error
    }
  }
}

function checkGeneratedId(id: unknown): string {
  if (typeof id !== 'string' || id === '' || /[\r\n\0]/.test(id)) {
    throw new TypeError(
      'Cannot publish: option `generateId` must return a non-empty string without CR, LF or U+0000',
    )
  }
  return id
}
