/**
 * The keys of the last `capacity` events a tab accepted, to drop the ones a hand-off brings twice:
 * a new leader resumes from the last ID it saw, and another tab may have seen a little further.
 * @internal
 */
export class RecentKeys {
  readonly #capacity: number
  readonly #set = new Set<string>()
  readonly #order: string[] = []
  #head = 0

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  has(key: string): boolean {
    return this.#set.has(key)
  }

  /** Remembers `key`, forgetting the oldest beyond the capacity. */
  add(key: string): void {
    this.#set.add(key)
    if (this.#order.length < this.#capacity) {
      this.#order.push(key)
      return
    }
    this.#set.delete(this.#order[this.#head] as string)
    this.#order[this.#head] = key
    this.#head = (this.#head + 1) % this.#capacity
  }
}
