import type { Settings } from './settings.ts'

/** How a request went. @internal */
export type OpenOutcome =
  | { readonly kind: 'response'; readonly response: Response }
  | { readonly kind: 'failed'; readonly error: unknown }

/** How a read went. @internal */
export type ReadOutcome =
  | { readonly kind: 'chunk'; readonly bytes: Uint8Array }
  | { readonly kind: 'ended' }
  | { readonly kind: 'failed'; readonly error: unknown }

const ignore = () => {}

/**
 * One attempt: its request's abort signal, its body's reader and its idle timer. Every wait is
 * bounded by `idleTimeout`, so a half-open connection (TCP never says it died) is noticed, and
 * {@link Connection.close} aborts the fetch and cancels the body in one go.
 * @internal
 */
export class Connection {
  readonly #abort = new AbortController()
  readonly #stop: AbortSignal
  readonly #settings: Settings
  #response: Response | undefined
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  #timedOut: DOMException | undefined
  #closed = false

  /** @param stop Aborts when the whole iteration ends: the connection closes with it. */
  constructor(settings: Settings, stop: AbortSignal) {
    this.#settings = settings
    this.#stop = stop
    stop.addEventListener('abort', this.#onStop, { once: true })
  }

  /** The request's signal. */
  get signal(): AbortSignal {
    return this.#abort.signal
  }

  /** True while a body is being read. */
  get reading(): boolean {
    return this.#reader !== undefined && !this.#closed
  }

  /** Sends the request; a network error, an abort or the idle timeout come back as `failed`. */
  async open(request: Request): Promise<OpenOutcome> {
    try {
      const response = await this.#idle(() => this.#untilClosed(request))
      this.#response = response
      return { kind: 'response', response }
    } catch (error) {
      return { kind: 'failed', error: this.#timedOut ?? error }
    }
  }

  /** Starts reading the event-stream body of the response. */
  startReading(body: ReadableStream<Uint8Array>): void {
    this.#reader = body.getReader()
  }

  /** The next chunk, the end of the body, or why it failed. */
  async read(): Promise<ReadOutcome> {
    const reader = this.#reader as ReadableStreamDefaultReader<Uint8Array>
    try {
      const { done, value } = await this.#idle(() => reader.read())
      if (!done) return { kind: 'chunk', bytes: value }
      return this.#timedOut ? { kind: 'failed', error: this.#timedOut } : { kind: 'ended' }
    } catch (error) {
      return { kind: 'failed', error: this.#timedOut ?? error }
    }
  }

  /** Aborts the request and cancels the body; resolves once the body is cancelled. Runs once. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#stop.removeEventListener('abort', this.#onStop)
    this.#abort.abort(this.#timedOut)
    // Cancelling releases the socket at once on every runtime; an in-process body that does not
    // listen to the request's signal hears it this way too.
    const body = this.#reader ?? this.#response?.body
    await body?.cancel(this.#timedOut).catch(ignore)
  }

  readonly #onStop = (): void => void this.close()

  async #idle<T>(work: () => Promise<T>): Promise<T> {
    const { idleTimeout } = this.#settings
    if (idleTimeout === false) return work()
    const timer = setTimeout(() => {
      this.#timedOut = new DOMException(`No bytes arrived for ${idleTimeout} ms`, 'TimeoutError')
      void this.close()
    }, idleTimeout)
    try {
      return await work()
    } finally {
      clearTimeout(timer)
    }
  }

  // A custom `fetch` may ignore the signal: the attempt still ends when the connection closes,
  // and a response that comes later has its body cancelled.
  #untilClosed(request: Request): Promise<Response> {
    const signal = this.#abort.signal
    return new Promise((resolve, reject) => {
      const pending = Promise.resolve().then(() => this.#settings.fetch(request))
      const onAbort = () => {
        reject(signal.reason)
        pending.then((late) => late.body?.cancel().catch(ignore), ignore)
      }
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })
      pending.then(
        (response) => {
          signal.removeEventListener('abort', onAbort)
          resolve(response)
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort)
          reject(error)
        },
      )
    })
  }
}
