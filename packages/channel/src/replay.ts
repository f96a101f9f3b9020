import { errorMessage, instrumentation, logEvent } from '@ssekit/core/backend'
import { ChannelUnavailableError } from './errors.ts'
import { encodeGap } from './gap.ts'
import type { ReplayBatch, ReplayStore, StoredEvent } from './stores/replay-store.ts'
import type { Subscriber } from './subscriber.ts'

/**
 * Where a fan-out reads what a resuming client missed: a channel's store, or a backend's log
 * (a Redis Stream, a Durable Object's SQLite). Either method may answer synchronously.
 *
 * @example Replay from an array
 * ```ts
 * import { FanOut, type ReplaySource } from '@ssekit/channel/backend'
 * import type { StoredEvent } from '@ssekit/channel'
 * const log: StoredEvent[] = []
 * const source: ReplaySource = {
 *   readAfter(id) {
 *     const at = log.findIndex((event) => event.id === id)
 *     return at < 0 ? { events: log, complete: false } : { events: log.slice(at + 1), complete: true }
 *   },
 *   latestId: () => log.at(-1)?.id,
 * }
 * return new FanOut(source).subscribe(request)
 * ```
 */
export interface ReplaySource {
  /**
   * The events after the one with ID `lastEventId`, oldest first, on any of `topics` (others are
   * filtered out anyway). With `complete: false` when that ID is unknown or expired. `signal`
   * aborts when the subscriber leaves, so a read that waits (for a backend to come back, say)
   * can stop, and free its timers, at once; what it then returns is ignored.
   */
  readAfter(
    lastEventId: string,
    topics: ReadonlySet<string>,
    signal: AbortSignal,
  ): ReplayBatch | PromiseLike<ReplayBatch>
  /** The newest event's ID, so a fresh subscriber can resume from there; `undefined` if none. */
  latestId(): string | undefined
}

/**
 * A channel's {@link ReplaySource} over its {@link ReplayStore}. Appends never wait or throw; the
 * events whose async `append` has not settled are remembered, so replays include them meanwhile.
 */
export class StoreReplay implements ReplaySource {
  readonly #store: ReplayStore
  readonly #unconfirmed = new Set<StoredEvent>()
  #latestId: string | undefined

  constructor(store: ReplayStore) {
    this.#store = store
  }

  latestId(): string | undefined {
    return this.#latestId
  }

  /** A failing store is logged: the event still goes out live, it just cannot be replayed. */
  append(event: StoredEvent): void {
    this.#latestId = event.id
    let appended: void | PromiseLike<void>
    try {
      appended = this.#store.append(event)
    } catch (error) {
      console.error('ssekit: the replay store could not append an event', error)
      return
    }
    if (typeof appended?.then !== 'function') return
    this.#unconfirmed.add(event)
    Promise.resolve(appended).then(
      () => this.#unconfirmed.delete(event),
      (error: unknown) => {
        this.#unconfirmed.delete(event)
        console.error('ssekit: the replay store could not append an event', error)
      },
    )
  }

  // Unconfirmed events may or may not be in what the store returns: they are merged in without
  // repeats. Sync stores have none and stay sync.
  readAfter(lastEventId: string): ReplayBatch | PromiseLike<ReplayBatch> {
    const pending = [...this.#unconfirmed]
    const at = pending.findIndex((event) => event.id === lastEventId)
    // The client saw an event the store has not confirmed yet: the rest of `pending` is what it missed.
    if (at >= 0) return { events: pending.slice(at + 1), complete: true }
    const batch = this.#store.readAfter(lastEventId)
    if (pending.length === 0) return batch
    return Promise.resolve(batch).then((stored) => mergePending(stored, pending))
  }
}

function mergePending(stored: ReplayBatch, pending: readonly StoredEvent[]): ReplayBatch {
  const seen = new Set(stored.events.map((event) => event.id))
  const missing = pending.filter((event) => !seen.has(event.id))
  if (missing.length === 0) return stored
  return { events: [...stored.events, ...missing], complete: stored.complete }
}

/**
 * Reads what a just-registered subscriber missed after `lastEventId` and hands it over, with the
 * gap notice if the ID is gone. The caller registers the subscriber first, in the same turn, so
 * every event delivered from then on is in the read or in the subscriber's backlog (or both,
 * which the subscriber dedupes). A sync source keeps the whole thing in this turn.
 */
export function startReplay(
  subscriber: Subscriber,
  source: ReplaySource,
  lastEventId: string,
  onFailure: 'gap' | { retry: number },
  backend = 'memory',
): void {
  let scope = instrumentation()?.replayStarted(backend)
  // Once: a failed read that falls back to the gap ends the replay as failed, not twice.
  const end = (outcome: Parameters<NonNullable<typeof scope>['end']>[0]) => {
    scope?.end(outcome)
    scope = undefined
  }
  const begin = (batch: ReplayBatch): void => {
    if (subscriber.closed) {
      end({ events: 0, complete: batch.complete })
      return
    }
    const events = batch.events.filter((event) => subscriber.topics.has(event.topic))
    const gap = batch.complete ? undefined : encodeGap(lastEventId)
    end({ events: events.length, complete: batch.complete })
    subscriber.replay(gap, events, batch.complete ? lastEventId : undefined)
  }
  // A source that fails to read either lets the client go live, warned that it may have missed
  // some, or sends it away to come back with the same Last-Event-ID.
  const fail = (error: unknown): void => {
    end({ error })
    if (subscriber.closed) return
    if (error instanceof ChannelUnavailableError) {
      // The backend is away, an expected condition: one line, no stack.
      logEvent({
        level: 'warn',
        event: 'ssekit.replay.failed',
        msg: 'A replay could not be read: its backend is unavailable',
        backend,
        error: errorMessage(error),
      })
    } else console.error('ssekit: the replay source could not be read', error)
    if (onFailure === 'gap') begin({ events: [], complete: false })
    else subscriber.close(onFailure.retry)
  }
  let batch: ReplayBatch | PromiseLike<ReplayBatch>
  try {
    batch = source.readAfter(lastEventId, subscriber.topics, subscriber.signal)
  } catch (error) {
    fail(error)
    return
  }
  if (typeof (batch as PromiseLike<ReplayBatch>).then !== 'function') {
    begin(batch as ReplayBatch)
    return
  }
  Promise.resolve(batch)
    .then(begin, fail)
    .catch((error: unknown) => console.error('ssekit: replay failed', error))
}
