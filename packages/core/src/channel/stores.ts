/**
 * One published event as a replay store keeps it: its ID, its topic and its wire bytes, encoded
 * once by the channel and shared by every subscriber.
 *
 * @example What a channel hands to its store
 * ```ts
 * import type { StoredEvent } from '@ssekit/core'
 * const event: StoredEvent = {
 *   id: '1',
 *   topic: 'default',
 *   bytes: new TextEncoder().encode('id: 1\ndata: hi\n\n'),
 * }
 * return new Response(new TextDecoder().decode(event.bytes), {
 *   headers: { 'content-type': 'text/event-stream' },
 * })
 * ```
 */
export interface StoredEvent {
  /** The event's ID: what a reconnecting client sends back as `Last-Event-ID`. */
  readonly id: string
  /** The topic it was published to. */
  readonly topic: string
  /** The encoded event, `id:` line included, ready to write. Never mutated. */
  readonly bytes: Uint8Array
}

/**
 * What {@link ReplayStore.readAfter} found.
 *
 * @example Tell a client it may have missed events
 * ```ts
 * import type { ReplayBatch } from '@ssekit/core'
 * const batch: ReplayBatch = { events: [], complete: false }
 * return new Response(batch.complete ? 'caught up' : 'some events are gone')
 * ```
 */
export interface ReplayBatch {
  /** The stored events after the ID, oldest first. */
  readonly events: readonly StoredEvent[]
  /**
   * `true` when the ID was found, so `events` holds every event after it. `false` when the ID is
   * unknown or expired: `events` then holds everything still stored, and some may be missing.
   */
  readonly complete: boolean
}

/**
 * Where a channel keeps recent events so reconnecting clients can catch up. Every method may
 * return a promise, so remote backends (Redis Streams, whose entry IDs can be the event IDs;
 * Durable Object storage) fit without changing the channel. In-memory stores answer synchronously,
 * which keeps the common path free of promise turns.
 *
 * A store must keep events in the order they were appended, and may forget old ones at any time
 * (trimming is the store's own business); the channel tells clients when their ID is gone.
 *
 * @example A store that forgets everything (replay off)
 * ```ts
 * import { createChannel, type ReplayStore } from '@ssekit/core'
 * const forgetful: ReplayStore = {
 *   append() {},
 *   readAfter: () => ({ events: [], complete: false }),
 * }
 * const channel = createChannel({ store: forgetful })
 * return channel.subscribe(new Request('https://example.com/events'))
 * ```
 */
export interface ReplayStore {
  /** Keeps one event, after every event appended before it, and forgets what its limits exclude. */
  append(event: StoredEvent): void | PromiseLike<void>
  /** The events appended after the one with this ID, or everything kept if the ID is unknown. */
  readAfter(id: string): ReplayBatch | PromiseLike<ReplayBatch>
}

/**
 * Options for {@link RingBufferStore}.
 *
 * @example
 * ```ts
 * import { createChannel, RingBufferStore, type RingBufferStoreOptions } from '@ssekit/core'
 * const options: RingBufferStoreOptions = { capacity: 50 }
 * return createChannel({ store: new RingBufferStore(options) }).subscribe(request)
 * ```
 */
export interface RingBufferStoreOptions {
  /**
   * How many of the newest events to keep.
   * @defaultValue 1000
   */
  capacity?: number | undefined
}

/** How many events a channel keeps for replay when given no store. */
const DEFAULT_REPLAY_CAPACITY: number = 1000

/**
 * An in-memory {@link ReplayStore} that keeps the last N events. Synchronous, so a subscriber's
 * replay is read in the same turn it registers. Memory: N events' bytes, shared with subscribers.
 *
 * @example Keep the last 100 events
 * ```ts
 * import { createChannel, RingBufferStore } from '@ssekit/core'
 * const channel = createChannel({ store: new RingBufferStore({ capacity: 100 }) })
 * return channel.subscribe(new Request('https://example.com/events'))
 * ```
 */
export class RingBufferStore implements ReplayStore {
  readonly #log = new EventLog()
  readonly #capacity: number

  /** @param options The number of events to keep. */
  constructor(options: RingBufferStoreOptions = {}) {
    const capacity = options.capacity ?? DEFAULT_REPLAY_CAPACITY
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new RangeError(
        `Cannot create the store: option \`capacity\` must be a non-negative safe integer, got ${String(capacity)}`,
      )
    }
    this.#capacity = capacity
  }

  /** How many events are kept now. */
  get size(): number {
    return this.#log.length
  }

  /** Keeps the event and forgets the oldest one beyond the capacity. */
  append(event: StoredEvent): void {
    this.#log.append(event, 0)
    while (this.#log.length > this.#capacity) this.#log.dropOldest()
  }

  /** The kept events after `id`; everything kept, with `complete: false`, if `id` is gone. */
  readAfter(id: string): ReplayBatch {
    return this.#log.readAfter(id)
  }
}

/**
 * Options for {@link TtlStore}.
 *
 * @example One minute, at most 500 events
 * ```ts
 * import { createChannel, TtlStore, type TtlStoreOptions } from '@ssekit/core'
 * const options: TtlStoreOptions = { ttl: 60_000, maxEvents: 500 }
 * return createChannel({ store: new TtlStore(options) }).subscribe(request)
 * ```
 */
export interface TtlStoreOptions {
  /** Milliseconds an event stays available for replay. */
  ttl: number
  /**
   * An upper bound on the number of events kept, whatever their age, so memory stays bounded
   * under a burst.
   * @defaultValue 10000
   */
  maxEvents?: number | undefined
  /**
   * The clock, in milliseconds.
   * @defaultValue `Date.now`
   */
  now?: (() => number) | undefined
}

/**
 * An in-memory {@link ReplayStore} that keeps events for a time. It trims when written to or read,
 * never with a timer, so an idle store holds no timer and keeps no process alive.
 *
 * @example Replay the last five minutes
 * ```ts
 * import { createChannel, TtlStore } from '@ssekit/core'
 * const channel = createChannel({ store: new TtlStore({ ttl: 5 * 60_000 }) })
 * return channel.subscribe(new Request('https://example.com/events'))
 * ```
 */
export class TtlStore implements ReplayStore {
  readonly #log = new EventLog()
  readonly #ttl: number
  readonly #maxEvents: number
  readonly #now: () => number
  #lastTime = Number.NEGATIVE_INFINITY

  /** @param options The time to live, a count cap and the clock. */
  constructor(options: TtlStoreOptions) {
    const { ttl, maxEvents = 10_000, now = Date.now } = options
    if (!(ttl >= 0) || ttl === Number.POSITIVE_INFINITY) {
      throw new RangeError(
        `Cannot create the store: option \`ttl\` must be a non-negative finite number of milliseconds, got ${String(ttl)}`,
      )
    }
    if (!Number.isSafeInteger(maxEvents) || maxEvents < 0) {
      throw new RangeError(
        `Cannot create the store: option \`maxEvents\` must be a non-negative safe integer, got ${String(maxEvents)}`,
      )
    }
    this.#ttl = ttl
    this.#maxEvents = maxEvents
    this.#now = now
  }

  /** How many events are kept now, expired ones included until the next trim. */
  get size(): number {
    return this.#log.length
  }

  /** Keeps the event with the current time, then trims. */
  append(event: StoredEvent): void {
    // A clock that steps back must not reorder expiry: times only go forward.
    this.#lastTime = Math.max(this.#lastTime, this.#now())
    this.#log.append(event, this.#lastTime)
    this.trim()
  }

  /** The unexpired events after `id`; all of them, with `complete: false`, if `id` is gone. */
  readAfter(id: string): ReplayBatch {
    this.trim()
    return this.#log.readAfter(id)
  }

  /** Forgets expired events and any beyond `maxEvents` now, not at the next append or read. */
  trim(): void {
    const log = this.#log
    while (log.length > this.#maxEvents) log.dropOldest()
    // Appends are in time order, so the expired ones are at the old end.
    const cutoff = this.#now() - this.#ttl
    while (log.length > 0 && (log.oldestTime as number) <= cutoff) log.dropOldest()
  }
}

/**
 * An append-only queue of events indexed by ID, forgetting from the oldest end: the shared core of
 * the in-memory stores. Appending and forgetting are amortised O(1); reading after an ID is O(1)
 * to find it plus the events returned.
 */
class EventLog {
  // Live entries are `#events[#head..]`; the dead prefix is cut off once it outgrows the live part.
  #events: StoredEvent[] = []
  #times: number[] = []
  #head = 0
  // Sequence number of `#events[0]`; an entry's sequence is `#base + index`.
  #base = 0
  readonly #index = new Map<string, number>()

  /** How many events are kept. */
  get length(): number {
    return this.#events.length - this.#head
  }

  /** When the oldest kept event was appended, or `undefined` when empty. */
  get oldestTime(): number | undefined {
    return this.length === 0 ? undefined : this.#times[this.#head]
  }

  append(event: StoredEvent, time: number): void {
    // A repeated ID points at its newest event.
    this.#index.set(event.id, this.#base + this.#events.length)
    this.#events.push(event)
    this.#times.push(time)
  }

  dropOldest(): void {
    if (this.length === 0) return
    const event = this.#events[this.#head] as StoredEvent
    const sequence = this.#base + this.#head
    if (this.#index.get(event.id) === sequence) this.#index.delete(event.id)
    this.#head++
    if (this.#head >= 1024 && this.#head * 2 >= this.#events.length) this.#compact()
  }

  readAfter(id: string): ReplayBatch {
    const sequence = this.#index.get(id)
    if (sequence === undefined) return { events: this.#events.slice(this.#head), complete: false }
    return { events: this.#events.slice(sequence - this.#base + 1), complete: true }
  }

  #compact(): void {
    this.#events = this.#events.slice(this.#head)
    this.#times = this.#times.slice(this.#head)
    this.#base += this.#head
    this.#head = 0
  }
}
