import { EventLog } from './event-log.ts'
import type { ReplayBatch, ReplayStore, StoredEvent } from './replay-store.ts'

/**
 * Options for {@link TtlStore}.
 *
 * @example One minute, at most 500 events
 * ```ts
 * import { createChannel, TtlStore, type TtlStoreOptions } from '@ssekit/channel'
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
 * import { createChannel, TtlStore } from '@ssekit/channel'
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
