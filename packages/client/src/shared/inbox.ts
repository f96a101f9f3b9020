import type { ServerEvent } from '../types.ts'

/**
 * The events waiting for one tab's loop, in order, and the error its iteration ended with. A loop
 * waits on {@link changed} while it is empty.
 * @internal
 */
export class Inbox {
  #items: ServerEvent[] = []
  #head = 0
  #wakers: (() => void)[] = []
  #failure: { error: unknown } | undefined

  /** Events waiting. */
  get size(): number {
    return this.#items.length - this.#head
  }

  push(event: ServerEvent): void {
    this.#items.push(event)
    this.wake()
  }

  /** The oldest waiting event. Call only while {@link size} is above zero. */
  shift(): ServerEvent {
    const event = this.#items[this.#head++] as ServerEvent
    if (this.#head === this.#items.length) this.clear()
    return event
  }

  clear(): void {
    this.#items = []
    this.#head = 0
  }

  /** Keeps the error the iteration ended with, for the loop to throw once the events are out. */
  fail(error: unknown): void {
    this.#failure = { error }
  }

  /** The error, once: the loop throws it, then ends quietly. */
  takeFailure(): { error: unknown } | undefined {
    const failure = this.#failure
    this.#failure = undefined
    return failure
  }

  /** Resolves at the next push or {@link wake}. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.#wakers.push(resolve))
  }

  wake(): void {
    const wakers = this.#wakers
    this.#wakers = []
    for (const wake of wakers) wake()
  }
}
