import { EventLog } from './event-log.ts'
import type { ReplayBatch, ReplayStore, StoredEvent } from './replay-store.ts'

/**
 * Options for {@link RingBufferStore}.
 *
 * @example
 * ```ts
 * import { createChannel, RingBufferStore, type RingBufferStoreOptions } from '@ssekit/channel'
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
 * import { createChannel, RingBufferStore } from '@ssekit/channel'
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
