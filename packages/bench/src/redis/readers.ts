/**
 * Many in-process readers of event streams, counting whole events as they arrive (each event
 * ends with one blank line, and the bench's events hold no other), and noting when every reader
 * holds event k. Cheap enough that 1 000 readers do not distort what they measure: line feeds
 * are found with the native `indexOf`, not a loop over every byte in JS.
 */
export class EventCounters {
  readonly #counts: number[] = []
  readonly #holders: number[] = []
  readonly #arrivals: number[] = []
  #baseline: number[] = []
  #waiters: { count: number; resolve: () => void }[] = []

  /** Starts reading `body` until it ends. */
  add(body: ReadableStream<Uint8Array>): void {
    const index = this.#counts.push(0) - 1
    void this.#read(body, index)
  }

  /** Forgets what arrived so far (the opening comment, an `id:` anchor): events count from here. */
  reset(): void {
    this.#baseline = [...this.#counts]
    this.#holders.length = 0
    this.#arrivals.length = 0
  }

  /** When every reader held the k-th event since `reset()`, in wall-clock ms. */
  get arrivals(): number[] {
    return this.#arrivals
  }

  /** Resolves once every reader holds `count` events since `reset()`. */
  allHold(count: number): Promise<void> {
    if (this.#arrivals.length >= count) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push({ count, resolve }))
  }

  async #read(body: ReadableStream<Uint8Array>, index: number): Promise<void> {
    const reader = body.getReader()
    // Whether the previous chunk ended with a line feed: a blank line can straddle two chunks.
    let afterLineFeed = false
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      // The native indexOf jumps from line feed to line feed (3 or 4 per bench event), where a
      // byte-by-byte loop in JS cost a fifth of an instance's busy time with 1 000 readers.
      for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) {
        if (at === 0 ? afterLineFeed : value[at - 1] === 10) this.#event(index)
      }
      if (value.length > 0) afterLineFeed = value[value.length - 1] === 10
    }
  }

  #event(index: number): void {
    const count = ++(this.#counts[index] as number) - (this.#baseline[index] ?? 0)
    if (count < 1) return
    const holders = (this.#holders[count - 1] ?? 0) + 1
    this.#holders[count - 1] = holders
    if (holders < this.#counts.length) return
    this.#arrivals[count - 1] = performance.timeOrigin + performance.now()
    const ready = this.#waiters.filter((waiter) => waiter.count <= this.#arrivals.length)
    this.#waiters = this.#waiters.filter((waiter) => waiter.count > this.#arrivals.length)
    for (const waiter of ready) waiter.resolve()
  }
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const wallClock = (): number => performance.timeOrigin + performance.now()

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))
