import type { CloseReason } from '@ssekit/core'

/** What `GET /stats` reports. */
export interface StatsSnapshot {
  /** Event streams open right now in this process or isolate. */
  open: number
  /** Ticks the ticker produced since start: it must stop growing once no client is left. */
  ticks: number
}

/**
 * Counts the event streams of one process or isolate, for operators and for the tests that prove
 * every stream is closed and every producer stopped once its client left.
 *
 * @example Count a stream
 * ```ts
 * const stats = new StreamStats()
 * app.get('/feed', (c) => sse(c, feed, { onClose: stats.track() }))
 * ```
 */
export class StreamStats {
  #open = 0
  #ticks = 0

  /** Counts one more open stream; pass the result as `onClose` to count it out again. */
  track(): (reason: CloseReason) => void {
    this.#open++
    return () => {
      this.#open--
    }
  }

  /** Counts one tick produced. */
  ticked(): void {
    this.#ticks++
  }

  /** The numbers right now. */
  snapshot(): StatsSnapshot {
    return { open: this.#open, ticks: this.#ticks }
  }
}
