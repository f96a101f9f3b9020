import { Connection } from '../connection.ts'
import { type EncodeOptions, encode } from '../encode.ts'
import { sseHeaders } from '../headers.ts'
import { lastEventId } from '../last-event-id.ts'
import type { EventMap, SSEMessage } from '../types.ts'
import type { Channel, ChannelStats } from './channel.ts'
import { type IdGenerator, timeOrderedIds } from './event-id.ts'
import { encodeGap } from './gap.ts'
import {
  type ChannelOptions,
  DEFAULT_TOPIC,
  type PublishOptions,
  type SubscribeOptions,
  type SubscriberDefaults,
} from './options.ts'
import { readReplay } from './read-replay.ts'
import type { ReplayBatch, ReplayStore, StoredEvent } from './replay-store.ts'
import { RingBufferStore } from './ring-buffer-store.ts'
import { subscriberSettings } from './settings.ts'
import { Subscriber, type SubscriberHooks } from './subscriber.ts'

const encoder = new TextEncoder()

/** @internal The {@link Channel} behind `createChannel`. */
export class FanOutChannel<M extends EventMap> implements Channel<M> {
  readonly #store: ReplayStore
  readonly #generateId: IdGenerator
  readonly #encodeOptions: EncodeOptions
  readonly #defaults: SubscriberDefaults
  readonly #subscribers = new Set<Subscriber>()
  readonly #followers = new Map<string, Set<Subscriber>>()
  // Published events an async store has not confirmed yet, oldest first.
  readonly #unconfirmed = new Set<StoredEvent>()
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
    this.#store = options.store ?? new RingBufferStore()
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
    this.#append(event)
    const followers = this.#followers.get(topic)
    if (followers !== undefined) for (const subscriber of followers) subscriber.deliver(event)
    return id
  }

  subscribe(request: Request, options: SubscribeOptions = {}): Response {
    if (this.#closed) return new Response(null, { status: 204 })
    const settings = subscriberSettings(options, this.#defaults)
    const after = lastEventId(request)
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
    const response = new Response(connection.stream, { headers: sseHeaders(options.headers) })
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
    if (after !== undefined) this.#replay(subscriber, after)
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

  #append(event: StoredEvent): void {
    let appended: void | PromiseLike<void>
    try {
      appended = this.#store.append(event)
    } catch (error) {
      console.error('ssekit: the replay store could not append an event', error)
      return
    }
    if (appended === undefined || typeof appended?.then !== 'function') return
    this.#unconfirmed.add(event)
    Promise.resolve(appended).then(
      () => this.#unconfirmed.delete(event),
      (error: unknown) => {
        this.#unconfirmed.delete(event)
        console.error('ssekit: the replay store could not append an event', error)
      },
    )
  }

  // Registered before the read, in the same turn: every event published from now on is either
  // in the read or in the subscriber's backlog (or both, which the subscriber dedupes).
  #replay(subscriber: Subscriber, after: string): void {
    const begin = (batch: ReplayBatch): void => {
      if (subscriber.closed) return
      const events = batch.events.filter((event) => subscriber.topics.has(event.topic))
      subscriber.replay(batch.complete ? undefined : encodeGap(after), events)
    }
    const fail = (error: unknown): void => {
      console.error('ssekit: the replay store could not be read', error)
      begin({ events: [], complete: false })
    }
    let batch: ReplayBatch | PromiseLike<ReplayBatch>
    try {
      batch = readReplay(this.#store, after, [...this.#unconfirmed])
    } catch (error) {
      fail(error)
      return
    }
    if ('then' in batch && typeof batch.then === 'function') {
      Promise.resolve(batch)
        .then(begin, fail)
        .catch((error: unknown) => console.error('ssekit: replay failed', error))
    } else {
      begin(batch as ReplayBatch)
    }
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
