/**
 * One published event as a replay store keeps it: its ID, its topic and its wire bytes, encoded
 * once by the channel and shared by every subscriber.
 *
 * @example What a channel hands to its store
 * ```ts
 * import type { StoredEvent } from '@ssekit/channel'
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
  /**
   * The W3C `traceparent` of the publish that made it, when the publish was traced: a backend
   * that stores it with the event lets its delivery on every instance join that trace.
   */
  readonly traceparent?: string | undefined
}

/**
 * What {@link ReplayStore.readAfter} found.
 *
 * @example Tell a client it may have missed events
 * ```ts
 * import type { ReplayBatch } from '@ssekit/channel'
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
 * import { createChannel, type ReplayStore } from '@ssekit/channel'
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
