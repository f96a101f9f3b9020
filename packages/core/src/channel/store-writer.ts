import type { ReplayStore, StoredEvent } from './replay-store.ts'

/**
 * Appends a channel's events to its store without ever waiting or throwing, and remembers the
 * events whose async `append` has not settled, so replays can include them meanwhile.
 * @internal
 */
export class StoreWriter {
  readonly store: ReplayStore
  readonly #unconfirmed = new Set<StoredEvent>()

  constructor(store: ReplayStore) {
    this.store = store
  }

  /** Published events the store has not confirmed yet, oldest first. */
  get unconfirmed(): StoredEvent[] {
    return this.#unconfirmed.size === 0 ? [] : [...this.#unconfirmed]
  }

  /** A failing store is logged: the event still goes out live, it just cannot be replayed. */
  append(event: StoredEvent): void {
    let appended: void | PromiseLike<void>
    try {
      appended = this.store.append(event)
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
}
