import { createParser, type EventSourceMessage } from 'eventsource-parser'

/**
 * One subscriber's stream as a browser's `EventSource` reads it: parsed by eventsource-parser,
 * with the last event ID tracked as a browser tracks it (an `id:` line alone sets it too).
 * A following client reads as fast as bytes come; one that does not follow reads only while a
 * test waits on it, so the test decides when it is slow.
 */
export class TestClient {
  /** Every event dispatched so far, in order. */
  readonly events: EventSourceMessage[] = []
  /** Every `retry:` value so far. */
  readonly retries: number[] = []
  /** Every comment so far: the opening one, heartbeats. */
  readonly comments: string[] = []
  /** The ID a reconnect would send as `Last-Event-ID`. */
  lastEventId = ''
  /** The response's headers. */
  readonly headers: Headers
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>
  readonly #decoder = new TextDecoder()
  readonly #parser
  readonly #timeoutMs: number
  readonly #following: boolean
  #ended = false
  #reading: Promise<boolean> | undefined
  #progress: (() => void) | undefined

  constructor(response: Response, timeoutMs: number, follow: boolean) {
    if (response.body === null) throw new Error(`Expected a stream, got ${response.status}`)
    this.headers = response.headers
    this.#reader = response.body.getReader()
    this.#timeoutMs = timeoutMs
    this.#parser = createParser({
      onEvent: (event) => this.events.push(event),
      onId: (id) => {
        this.lastEventId = id
      },
      onRetry: (retry) => this.retries.push(retry),
      onComment: (comment) => this.comments.push(comment),
    })
    this.#following = follow
    if (follow) void this.#follow()
  }

  /** Whether the stream has ended. */
  get ended(): boolean {
    return this.#ended
  }

  /** The `data` of every event of the default type, in order. */
  get data(): string[] {
    return this.events.filter((event) => event.event === undefined).map((event) => event.data)
  }

  /** Reads until `done()` holds; fails if the stream ends first or no byte comes in time. */
  async until(done: () => boolean, what: string): Promise<void> {
    while (!done()) {
      if (!(await this.#next(what))) {
        throw new Error(`The stream ended before ${what} (${this.events.length} events)`)
      }
    }
  }

  /** Reads until `count` events of the default type have arrived. */
  async dataCount(count: number): Promise<string[]> {
    await this.until(() => this.data.length >= count, `${count} events`)
    return this.data
  }

  /** Reads to the end of the stream; fails if it does not end in time. */
  async end(): Promise<void> {
    while (await this.#next('the end of the stream')) {}
  }

  /** Leaves, as a closed tab does. */
  async leave(): Promise<void> {
    this.#ended = true
    await this.#reader.cancel()
  }

  async #follow(): Promise<void> {
    try {
      while (await this.#read()) this.#progress?.()
    } catch {
      // Cancelled by leave(), or the stream errored: a waiting test sees it ended.
      this.#ended = true
    }
    this.#progress?.()
  }

  // One more chunk, within the timeout: read here, or (following) wait for the pump's next one.
  async #next(what: string): Promise<boolean> {
    if (this.#ended) return false
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`No byte came within ${this.#timeoutMs} ms, waiting for ${what}`)),
        this.#timeoutMs,
      )
    })
    try {
      if (!this.#following) return await Promise.race([this.#read(), timeout])
      const progress = new Promise<boolean>((resolve) => {
        this.#progress = () => resolve(!this.#ended)
      })
      return await Promise.race([progress, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  #read(): Promise<boolean> {
    this.#reading ??= this.#reader.read().then(({ done, value }) => {
      this.#reading = undefined
      if (done) {
        this.#ended = true
        return false
      }
      this.#parser.feed(this.#decoder.decode(value, { stream: true }))
      return true
    })
    return this.#reading
  }
}
