/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const wallClock = (): number => performance.timeOrigin + performance.now()

/**
 * Counts whole events on many event streams as their bytes arrive (each event ends with one blank
 * line, and the bench's events hold no other), and notes when every stream holds event k. Cheap
 * enough that 10 000 streams do not distort what they measure: line feeds are found with the
 * native `indexOf`, not a loop over every byte in JS.
 */
export class EventCounter {
  readonly #counts: number[]
  /** Per stream: whether its last chunk ended with a line feed (a blank line can straddle two). */
  readonly #lineFeed: boolean[] = []
  #baseline: number[] = []
  #holders: number[] = []
  #arrivals: number[] = []
  #waiters: { count: number; resolve: () => void }[] = []

  /** Counts `streams` fed streams, plus those {@link add} reads. */
  constructor(streams = 0) {
    this.#counts = new Array(streams).fill(0)
  }

  /** Reads a body to its end as a new stream. */
  add(body: ReadableStream<Uint8Array>): void {
    const index = this.#counts.push(0) - 1
    void (async () => {
      const reader = body.getReader()
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        this.feed(index, read.value)
      }
    })()
  }

  /** Counts the events that end in stream `index`'s next bytes. */
  feed(index: number, bytes: Uint8Array): void {
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) {
      if (at === 0 ? this.#lineFeed[index] : bytes[at - 1] === 10) this.#event(index)
    }
    if (bytes.length > 0) this.#lineFeed[index] = bytes[bytes.length - 1] === 10
  }

  /** Forgets what arrived so far (an opening comment, an `id:` anchor): events count from here. */
  reset(): void {
    this.#baseline = [...this.#counts]
    this.#holders = []
    this.#arrivals = []
  }

  /** Per stream, the events since {@link reset}. */
  get counts(): number[] {
    return this.#counts.map((count, i) => count - (this.#baseline[i] ?? 0))
  }

  /** When every stream held its k-th event since {@link reset}, in wall-clock ms. */
  get arrivals(): readonly number[] {
    return this.#arrivals
  }

  /** Resolves once every stream holds `count` events since {@link reset}; rejects after `timeoutMs`. */
  allHold(count: number, timeoutMs = 120_000): Promise<void> {
    if (this.#arrivals.length >= count) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const behind = this.counts.filter((held) => held < count).length
        reject(new Error(`${behind} of ${this.#counts.length} streams lack event ${count}`))
      }, timeoutMs)
      this.#waiters.push({ count, resolve: () => resolve(clearTimeout(timer)) })
    })
  }

  #event(index: number): void {
    const count = ++(this.#counts[index] as number) - (this.#baseline[index] ?? 0)
    if (count < 1) return
    const holders = (this.#holders[count - 1] ?? 0) + 1
    this.#holders[count - 1] = holders
    if (holders < this.#counts.length) return
    this.#arrivals[count - 1] = wallClock()
    const ready = this.#waiters.filter((waiter) => waiter.count <= this.#arrivals.length)
    this.#waiters = this.#waiters.filter((waiter) => waiter.count > this.#arrivals.length)
    for (const waiter of ready) waiter.resolve()
  }
}
