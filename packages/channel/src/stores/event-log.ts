import type { ReplayBatch, StoredEvent } from './replay-store.ts'

/**
 * An append-only queue of events indexed by ID, forgetting from the oldest end: the shared core of
 * the in-memory stores. Appending and forgetting are amortised O(1); reading after an ID is O(1)
 * to find it plus the events returned.
 */
export class EventLog {
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
