import { Connection } from '../connection.ts'
import { type EncodeOptions, encode } from '../encode.ts'
import { sseHeaders } from '../headers.ts'
import { requestedLastEventId } from '../last-event-id.ts'
import type { EventMap, SSEMessage } from '../types.ts'
import type { Channel, ChannelStats } from './channel.ts'
import { type IdGenerator, timeOrderedIds } from './event-id.ts'
import {
  type ChannelOptions,
  DEFAULT_TOPIC,
  type PublishOptions,
  type SubscribeOptions,
  type SubscriberDefaults,
} from './options.ts'
import type { StoredEvent } from './replay-store.ts'
import { RingBufferStore } from './ring-buffer-store.ts'
import { subscriberSettings } from './settings.ts'
import { startReplay } from './start-replay.ts'
import { StoreWriter } from './store-writer.ts'
import { Subscriber, type SubscriberHooks } from './subscriber.ts'

const encoder = new TextEncoder()

/** @internal The {@link Channel} behind `createChannel`. */
export class FanOutChannel<M extends EventMap> implements Channel<M> {
  readonly #writer: StoreWriter
  readonly #generateId: IdGenerator
  readonly #encodeOptions: EncodeOptions
  readonly #defaults: SubscriberDefaults
  readonly #subscribers = new Set<Subscriber>()
  readonly #followers = new Map<string, Set<Subscriber>>()
  readonly #stats = { published: 0, encodes: 0, slowDisconnects: 0, dropped: 0 }
  readonly #hooks: SubscriberHooks = {
    dropped: (count) => {
      this.#stats.dropped += count
    },
    disconnected: () => {
      this.#stats.slowDisconnects++
    },
  }
  #closed = false
  #lastId: string | undefined

  constructor(options: ChannelOptions) {
    this.#writer = new StoreWriter(options.store ?? new RingBufferStore())
    this.#generateId = options.generateId ?? timeOrderedIds()
    this.#encodeOptions = { serialize: options.serialize }
    this.#defaults = options
  }

  get size(): number {
    return this.#subscribers.size
  }

  get closed(): boolean {
    return this.#closed
  }

  get buffered(): number {
    let bytes = 0
    for (const subscriber of this.#subscribers) bytes += subscriber.buffered
    return bytes
  }

  get stats(): ChannelStats {
    return { ...this.#stats }
  }

  publish(message: SSEMessage<M>, options?: PublishOptions): string {
    if (this.#closed) throw new Error('Cannot publish: the channel is closed')
    const topic = options?.topic ?? DEFAULT_TOPIC
    if (typeof topic !== 'string') throw new TypeError('Cannot publish: `topic` must be a string')
    let { id } = message
    if (id === '') throw new TypeError('Cannot publish message: `id` cannot be empty in a channel')
    if (id === undefined) {
      id = this.#generateId()
      message = { ...message, id }
    }
    // The one encode: it validates (throwing to the publisher) and makes the bytes all share.
    const bytes = encoder.encode(encode(message, this.#encodeOptions))
    this.#stats.encodes++
    this.#stats.published++
    const event: StoredEvent = { id, topic, bytes }
    this.#lastId = id
    this.#writer.append(event)
    const followers = this.#followers.get(topic)
    if (followers !== undefined) for (const subscriber of followers) subscriber.deliver(event)
    return id
  }

  subscribe(request: Request, options: SubscribeOptions = {}): Response {
    if (this.#closed) return new Response(null, { status: 204 })
    const settings = subscriberSettings(options, this.#defaults)
    const headers = sseHeaders(options.headers)
    // A HEAD request gets the headers alone: nobody will read a body, so no subscriber is made.
    if (request.method === 'HEAD') {
      options.onClose?.('client')
      return new Response(null, { headers })
    }
    // An ID we could never have issued (over the length cap, say) is unknown: it gets the gap event.
    const after = requestedLastEventId(request)
    let subscriber: Subscriber | undefined
    const connection = new Connection({
      signal: options.signal ?? request.signal,
      retry: options.retry ?? this.#defaults.retry,
      heartbeat: options.heartbeat ?? this.#defaults.heartbeat,
      highWaterMark: settings.pace,
      onClose: (reason) => {
        if (subscriber !== undefined) this.#remove(subscriber)
        options.onClose?.(reason)
      },
    })
    const response = new Response(connection.stream, { headers })
    // The client may have left already; then onClose has run and there is nothing to register.
    if (connection.closeReason !== undefined) return response
    subscriber = new Subscriber(
      connection,
      settings.topics,
      settings,
      this.#hooks,
      after !== undefined,
    )
    this.#add(subscriber)
    if (after !== undefined) startReplay(subscriber, this.#writer, after)
    // An `id:` alone sets the client's last event ID without firing an event, so a client cut off
    // before its first event still resumes from here instead of starting over live.
    else if (this.#lastId !== undefined)
      subscriber.open(encoder.encode(encode({ id: this.#lastId })))
    return response
  }

  close(): void {
    this.#closed = true
    for (const subscriber of [...this.#subscribers]) subscriber.close()
  }

  #add(subscriber: Subscriber): void {
    this.#subscribers.add(subscriber)
    for (const topic of subscriber.topics) {
      const followers = this.#followers.get(topic)
      if (followers === undefined) this.#followers.set(topic, new Set([subscriber]))
      else followers.add(subscriber)
    }
  }

  #remove(subscriber: Subscriber): void {
    this.#subscribers.delete(subscriber)
    for (const topic of subscriber.topics) {
      const followers = this.#followers.get(topic)
      followers?.delete(subscriber)
      if (followers?.size === 0) this.#followers.delete(topic)
    }
    subscriber.dispose()
  }
}
