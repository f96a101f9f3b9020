import { backoffDelay, clampDelay } from './backoff.ts'
import type { Settings } from './settings.ts'

/**
 * How long to wait before the next reconnect: the server's `retry:` as the base, doubled with
 * full jitter over failures in a row, bounded by the settings.
 * @internal
 */
export class ReconnectWait {
  /** Attempts in a row that delivered no event. */
  failures = 0
  /** The wait before the next request. */
  delay = 0
  readonly #settings: Settings
  #base: number
  // The base before the last `retry:`: the expired event's `retry: 0` is for EventSource alone.
  #baseBeforeRetry: number

  constructor(settings: Settings) {
    this.#settings = settings
    this.#base = settings.retryDelay
    this.#baseBeforeRetry = settings.retryDelay
  }

  /** A `retry:` field. The ceiling applies here, so the doubling starts from a bounded base. */
  serverRetry(ms: number): void {
    this.#baseBeforeRetry = this.#base
    this.#base = Math.min(ms, this.#settings.maxServerDelay)
  }

  /** Undoes the last `retry:`. */
  forgetRetry(): void {
    this.#base = this.#baseBeforeRetry
  }

  /** A stream delivered an event: the backoff starts over. */
  delivered(): void {
    this.failures = 0
  }

  /** An attempt failed; `after` is what a `Retry-After` header asked for. Returns the wait. */
  failed(after: number | undefined): number {
    this.failures++
    const { minRetryDelay: floor, maxServerDelay } = this.#settings
    this.delay = after === undefined ? this.#backoff() : clampDelay(after, floor, maxServerDelay)
    return this.delay
  }

  /**
   * The credentials expired: no wait, once in a row. When the stream before delivered no event
   * either (fresh headers did not help), the usual backoff applies, and so does its floor.
   */
  expired(): number {
    this.failures++
    this.delay = this.failures === 1 ? 0 : this.#backoff()
    return this.delay
  }

  #backoff(): number {
    const { minRetryDelay: floor, maxRetryDelay: cap, random } = this.#settings
    return backoffDelay(this.#base, this.failures, { floor, cap }, random)
  }
}
