import { createParser, type EventSourceMessage } from 'eventsource-parser'

/** Options for {@link readEventStream}. */
export interface ReadEventStreamOptions {
  /**
   * Each read gives up after this long, so a silent server fails the test instead of hanging it.
   * @defaultValue no limit
   */
  timeoutMs?: number | undefined
  /** Names the stream in error messages. @defaultValue `'the stream'` */
  label?: string | undefined
}

/**
 * One event stream as a client sees it, parsed by eventsource-parser as its bytes arrive. It reads
 * on demand, so a test decides when the client is slow; {@link EventStreamReader.follow} makes it
 * read as fast as bytes come instead.
 */
export class EventStreamReader {
  /** Every event parsed so far, in arrival order. */
  readonly events: EventSourceMessage[] = []
  /** Every comment parsed so far; the opening `:` line is an empty one. */
  readonly comments: string[] = []
  /** The `retry:` values parsed so far. */
  readonly retries: number[] = []
  /** Every chunk of bytes as read, unmodified. */
  readonly chunks: Uint8Array[] = []
  /** The ID a browser would send as `Last-Event-ID` now: an `id:` line alone sets it too. */
  lastEventId = ''
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>
  readonly #decoder = new TextDecoder()
  readonly #parser
  readonly #timeoutMs: number | undefined
  readonly #label: string
  #inFlight: Promise<string | undefined> | undefined
  #done = false
  #following: Promise<void> | undefined

  constructor(stream: ReadableStream<Uint8Array>, options: ReadEventStreamOptions = {}) {
    this.#reader = stream.getReader()
    this.#timeoutMs = options.timeoutMs
    this.#label = options.label ?? 'the stream'
    this.#parser = createParser({
      onEvent: (event) => this.events.push(event),
      onComment: (comment) => this.comments.push(comment),
      onRetry: (retry) => this.retries.push(retry),
      onId: (id) => {
        this.lastEventId = id
      },
    })
  }

  /** Whether the stream has ended. */
  get done(): boolean {
    return this.#done
  }

  /** Bytes read so far. */
  get bytes(): number {
    return this.chunks.reduce((total, chunk) => total + chunk.length, 0)
  }

  /** Reads and parses the next chunk; resolves its text, or `undefined` once the stream ended. */
  readChunk(): Promise<string | undefined> {
    if (this.#done) return Promise.resolve(undefined)
    this.#inFlight ??= this.#read().finally(() => {
      this.#inFlight = undefined
    })
    return this.#inFlight
  }

  /** Reads until `count` events have arrived in all; fails if the stream ends first. */
  async waitForEvents(count: number): Promise<EventSourceMessage[]> {
    await this.waitUntil(() => this.events.length >= count, `${count} events`)
    return this.events
  }

  /** Reads until `done()` holds; fails, naming `what`, if the stream ends first. */
  async waitUntil(done: () => boolean, what: string): Promise<void> {
    while (!done()) {
      if ((await this.readChunk()) === undefined) {
        throw new Error(`${this.#label} ended before ${what}, after ${this.events.length} events`)
      }
    }
  }

  /** Reads until the server ends the stream. */
  async readToEnd(): Promise<this> {
    while ((await this.readChunk()) !== undefined) {
      // The end is what this waits for.
    }
    return this
  }

  /**
   * Keeps reading in the background, as fast as bytes come, until the stream ends; the waits above
   * then share those reads. Resolves at the end; rejects if the stream errors.
   */
  follow(): Promise<void> {
    this.#following ??= this.readToEnd().then(() => {})
    return this.#following
  }

  /** Leaves, as a closed browser tab does: cancels the body and settles any read in flight. */
  async cancel(reason?: unknown): Promise<void> {
    this.#done = true
    await this.#reader.cancel(reason).catch(() => {})
    await this.#inFlight?.catch(() => {})
  }

  async #read(): Promise<string | undefined> {
    const { done, value } = await withTimeout(
      this.#reader.read(),
      this.#timeoutMs,
      `${this.#label} went quiet`,
    )
    if (done) {
      this.#done = true
      return undefined
    }
    this.chunks.push(value)
    const text = this.#decoder.decode(value, { stream: true })
    this.#parser.feed(text)
    return text
  }
}

/**
 * Starts reading a response's event stream (or a bare body) with a real SSE parser.
 *
 * @param source The response, or its body.
 * @param options A read timeout and a label for error messages.
 * @returns A reader that reads on demand; cancel it, or read it to its end, when done.
 *
 * @example Read two events, then leave
 * ```ts
 * const stream = readEventStream(await app.request('/sse?interval=100'))
 * const [first, second] = await stream.waitForEvents(2)
 * await stream.cancel()
 * ```
 */
export function readEventStream(
  source: Response | ReadableStream<Uint8Array>,
  options?: ReadEventStreamOptions,
): EventStreamReader {
  const body = source instanceof ReadableStream ? source : source.body
  if (body === null) throw new TypeError('Cannot read the event stream: the response has no body')
  return new EventStreamReader(body, options)
}

/**
 * Reads a stream to its end, or until `count` events arrived and then cancels it, as a client
 * that got what it wanted and left.
 *
 * @param source The response, or its body.
 * @param count Stop after this many events. @defaultValue read to the end
 * @returns The reader, with everything it parsed.
 *
 * @example
 * ```ts
 * const { events, comments } = await readEvents(sseStream(countdown()))
 * ```
 */
export async function readEvents(
  source: Response | ReadableStream<Uint8Array>,
  count?: number,
  options?: ReadEventStreamOptions,
): Promise<EventStreamReader> {
  const stream = readEventStream(source, options)
  if (count === undefined) return stream.readToEnd()
  await stream.waitForEvents(count)
  await stream.cancel()
  return stream
}

/** What {@link parseEventStream} found in complete wire text. */
export interface ParsedEventStream {
  events: EventSourceMessage[]
  comments: string[]
  retries: number[]
}

/**
 * Parses complete wire text in one go, with eventsource-parser.
 *
 * @example
 * ```ts
 * const { events } = parseEventStream('data: a\n\n')
 * ```
 */
export function parseEventStream(text: string): ParsedEventStream {
  const parsed: ParsedEventStream = { events: [], comments: [], retries: [] }
  const parser = createParser({
    onEvent: (event) => parsed.events.push(event),
    onComment: (comment) => parsed.comments.push(comment),
    onRetry: (retry) => parsed.retries.push(retry),
  })
  parser.feed(text)
  return parsed
}

async function withTimeout<T>(promise: Promise<T>, ms: number | undefined, what: string) {
  if (ms === undefined) return promise
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
