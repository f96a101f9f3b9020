import { createParser, type EventSourceMessage } from 'eventsource-parser'

/** Options for {@link openEventStream}. */
export interface OpenEventStreamOptions {
  /** Extra request headers. */
  headers?: Record<string, string> | undefined
  /** Every read gives up after this long, so a silent server fails the test. @defaultValue 10000 */
  timeoutMs?: number | undefined
}

/** A live event stream, parsed with eventsource-parser as its bytes arrive. */
export interface EventStreamClient {
  /** The response, for its status and headers. */
  readonly response: Response
  /** Every event parsed so far. */
  readonly events: EventSourceMessage[]
  /** Every comment parsed so far (the opening `:` is an empty one). */
  readonly comments: string[]
  /** The `retry:` values parsed so far. */
  readonly retries: number[]
  /** Reads the next chunk of bytes and parses it; `undefined` once the stream ended. */
  readChunk(): Promise<string | undefined>
  /** Reads until `count` events have arrived in all; fails if the stream ends or goes quiet. */
  waitForEvents(count: number): Promise<EventSourceMessage[]>
  /** Leaves, as a client closing the tab does: the request is aborted. */
  close(): Promise<void>
}

/**
 * Opens an event stream with `fetch` and parses it with eventsource-parser, chunk by chunk.
 *
 * @param url The stream's URL.
 * @param options Headers and the read timeout.
 * @returns A client that reads on demand; `close()` it when done.
 *
 * @example Read three ticks, then leave
 * ```ts
 * const stream = await openEventStream(`${baseUrl}/sse?interval=100`)
 * const events = await stream.waitForEvents(3)
 * await stream.close()
 * ```
 */
export async function openEventStream(
  url: string,
  options: OpenEventStreamOptions = {},
): Promise<EventStreamClient> {
  const timeoutMs = options.timeoutMs ?? 10_000
  const controller = new AbortController()
  const response = await withTimeout(
    fetch(url, { headers: options.headers ?? {}, signal: controller.signal }),
    timeoutMs,
    `No response from ${url}`,
  )
  if (!response.body) throw new Error(`The response from ${url} has no body`)
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  const events: EventSourceMessage[] = []
  const comments: string[] = []
  const retries: number[] = []
  const parser = createParser({
    onEvent: (event) => events.push(event),
    onComment: (comment) => comments.push(comment),
    onRetry: (retry) => retries.push(retry),
  })
  const readChunk = async (): Promise<string | undefined> => {
    const { value, done } = await withTimeout(reader.read(), timeoutMs, `${url} went quiet`)
    if (done) return undefined
    const text = decoder.decode(value, { stream: true })
    parser.feed(text)
    return text
  }
  return {
    response,
    events,
    comments,
    retries,
    readChunk,
    async waitForEvents(count) {
      while (events.length < count) {
        if ((await readChunk()) === undefined) {
          throw new Error(`${url} ended after ${events.length} of ${count} events`)
        }
      }
      return events
    },
    async close() {
      controller.abort()
      await reader.cancel().catch(() => {})
    },
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
