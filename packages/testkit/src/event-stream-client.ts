import { EventStreamReader, type ReadEventStreamOptions } from './event-stream.ts'

/** Options for {@link openEventStream}. */
export interface OpenEventStreamOptions {
  /** Extra request headers. */
  headers?: Record<string, string> | undefined
  /** Every read gives up after this long, so a silent server fails the test. @defaultValue 10000 */
  timeoutMs?: number | undefined
}

/** A live event stream over `fetch`, parsed with eventsource-parser as its bytes arrive. */
export class EventStreamClient extends EventStreamReader {
  /** The response, for its status and headers. */
  readonly response: Response
  readonly #abort: AbortController

  constructor(response: Response, abort: AbortController, options: ReadEventStreamOptions) {
    if (!response.body) throw new Error(`The response from ${response.url} has no body`)
    super(response.body, options)
    this.response = response
    this.#abort = abort
  }

  /** Leaves, as a client closing the tab does: the request is aborted and the body cancelled. */
  async close(): Promise<void> {
    this.#abort.abort()
    await this.cancel()
  }
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
  const abort = new AbortController()
  const timer = setTimeout(
    () => abort.abort(new Error(`No response from ${url} within ${timeoutMs} ms`)),
    timeoutMs,
  )
  try {
    const response = await fetch(url, { headers: options.headers ?? {}, signal: abort.signal })
    return new EventStreamClient(response, abort, { timeoutMs, label: url })
  } finally {
    clearTimeout(timer)
  }
}
