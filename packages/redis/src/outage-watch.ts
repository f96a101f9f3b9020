import type { Link } from './link.ts'

/**
 * Runs `onTooLong` each `maxOutage` milliseconds that Redis stays unreachable: a channel ends its
 * streams then, so clients reconnect and replay instead of waiting on a feed that may have lost
 * events. Shorter outages go unnoticed. Counts from its creation if Redis is not reachable yet.
 */
export class OutageWatch {
  readonly #link: Link
  readonly #maxOutage: number
  readonly #onTooLong: () => void
  readonly #off: () => void
  #timer: ReturnType<typeof setTimeout> | undefined
  #closed = false

  constructor(link: Link, maxOutage: number, onTooLong: () => void) {
    this.#link = link
    this.#maxOutage = maxOutage
    this.#onTooLong = onTooLong
    this.#off = link.onChange((up) => this.#update(up))
    this.#update(link.up)
  }

  /** Stops watching; leaves no timer or listener. */
  close(): void {
    this.#closed = true
    this.#off()
    clearTimeout(this.#timer)
  }

  #update(up: boolean): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (up || this.#closed) return
    this.#timer = setTimeout(() => {
      this.#onTooLong()
      this.#update(this.#link.up)
    }, this.#maxOutage)
  }
}
