import { abortableSleep } from './abortable-sleep.ts'
import { Connection } from './connection.ts'
import { SSEEventSizeError } from './errors.ts'
import { EventQueue } from './event-queue.ts'
import { parseJsonEvent } from './json-event.ts'
import type { EventsInit } from './options.ts'
import { ReconnectWait } from './reconnect-wait.ts'
import type { RequestFactory } from './request.ts'
import { checkResponse } from './response-check.ts'
import type { Settings } from './settings.ts'
import type { EventStream, ServerEvent } from './types.ts'

const DONE: IteratorResult<never, undefined> = Object.freeze({ done: true, value: undefined })

/**
 * The iterator {@link events} returns. It is written by hand, not as an async generator: a
 * generator parked on an `await` runs `return()` only after that await settles, so `break` (or a
 * relay whose client left) could not abort the fetch at once.
 * @internal
 */
export class EventStreamImpl<E> implements EventStream<E> {
  readonly #requests: RequestFactory
  readonly #settings: Settings
  readonly #onRetry: EventsInit['onRetry']
  readonly #onOpen: EventsInit['onOpen']
  readonly #signal: AbortSignal | undefined
  // Aborts once, when the iteration ends for any reason: every wait listens to it.
  readonly #stop = new AbortController()
  readonly #queue: EventQueue
  #connection: Connection | undefined
  #attempts = 0
  readonly #wait: ReconnectWait
  #forwardExpiry = false
  #expiredBy: ServerEvent | undefined
  #lastTaken: string
  #pulling: Promise<unknown> | undefined

  constructor(requests: RequestFactory, init: EventsInit, settings: Settings) {
    this.#requests = requests
    this.#settings = settings
    this.#onRetry = init.onRetry
    this.#onOpen = init.onOpen
    this.#wait = new ReconnectWait(settings)
    this.#lastTaken = init.lastEventId ?? ''
    this.#queue = new EventQueue(
      this.#lastTaken,
      settings.maxEventSize,
      (ms) => this.#wait.serverRetry(ms),
      settings.markIds,
    )
    this.#signal = init.signal
    if (this.#signal?.aborted) this.#close()
    else this.#signal?.addEventListener('abort', this.#onAbort, { once: true })
  }

  get lastEventId(): string {
    return this.#queue.size > 0 ? this.#lastTaken : this.#queue.lastEventId
  }

  /** The expired event that ended this iteration, when {@link forwardExpiry} asked for that. */
  get expiredBy(): ServerEvent | undefined {
    return this.#expiredBy
  }

  /**
   * Makes the server's expired event end the iteration (see {@link expiredBy}) instead of
   * reconnecting: for a relay whose upstream credentials are its own client's.
   */
  forwardExpiry(): void {
    this.#forwardExpiry = true
  }

  [Symbol.asyncIterator](): EventStream<E> {
    return this
  }

  next(): Promise<IteratorResult<E, undefined>> {
    // The hot path: events already parsed from the last chunk need no await.
    if (this.#pulling === undefined && this.#queue.size > 0) {
      try {
        return Promise.resolve({ done: false, value: this.#take() })
      } catch (error) {
        this.#close()
        return Promise.reject(error)
      }
    }
    const result = (this.#pulling ?? Promise.resolve()).then(() => this.#pull())
    const settled = result.then(
      () => {},
      () => {},
    )
    this.#pulling = settled
    void settled.then(() => {
      if (this.#pulling === settled) this.#pulling = undefined
    })
    return result
  }

  async return(): Promise<IteratorResult<E, undefined>> {
    await this.#close()
    return DONE
  }

  readonly #onAbort = (): void => void this.#close()

  async #pull(): Promise<IteratorResult<E, undefined>> {
    try {
      while (!this.#stop.signal.aborted) {
        if (this.#queue.size > 0) return { done: false, value: this.#take() }
        if (this.#queue.overflowed) throw new SSEEventSizeError(this.#settings.maxEventSize)
        if (this.#queue.expired !== undefined) this.#expired(this.#queue.expired)
        else if (this.#connection?.reading) await this.#read(this.#connection)
        else await this.#connect()
      }
      return DONE
    } catch (error) {
      await this.#close()
      throw error
    }
  }

  async #connect(): Promise<void> {
    if (this.#attempts > 0 && !(await abortableSleep(this.#wait.delay, this.#stop.signal))) return
    const attempt = { attempt: ++this.#attempts, lastEventId: this.#queue.lastEventId }
    const connection = new Connection(this.#settings, this.#stop.signal)
    this.#connection = connection
    const request = await this.#requests.create(attempt, connection.signal)
    const outcome = await connection.open(request)
    if (this.#stop.signal.aborted) return
    if (outcome.kind === 'failed') return this.#retry(outcome.error, undefined)
    const verdict = checkResponse(outcome.response)
    if (verdict.kind === 'stop') return void (await this.#close())
    if (verdict.kind === 'retry') return this.#retry(verdict.error, verdict.after)
    if (verdict.body === null) return this.#retry(undefined, undefined)
    this.#queue.reset()
    connection.startReading(verdict.body)
    this.#onOpen?.({ attempt: this.#attempts, connection: 'own' })
  }

  async #read(connection: Connection): Promise<void> {
    const outcome = await connection.read()
    if (this.#stop.signal.aborted) return
    if (outcome.kind === 'chunk') {
      const before = this.#queue.size
      this.#queue.feed(outcome.bytes)
      // A stream that delivers resets the backoff.
      if (this.#queue.size > before) this.#wait.delivered()
    } else {
      this.#retry(outcome.kind === 'failed' ? outcome.error : undefined, undefined)
    }
  }

  // The server ended the stream because the credentials it was opened with expired: come back at
  // once (see ReconnectWait), with fresh `headers()`.
  #expired(event: ServerEvent): void {
    if (this.#queue.retrySinceEvent) this.#wait.forgetRetry()
    void this.#connection?.close()
    if (this.#forwardExpiry || !this.#settings.reconnect) {
      this.#expiredBy = event
      void this.#close()
      return
    }
    this.#queue.expired = undefined
    const delay = this.#wait.expired()
    const { failures } = this.#wait
    this.#onRetry?.({
      attempt: this.#attempts + 1,
      failures,
      delay,
      error: undefined,
      expired: true,
    })
  }

  #retry(error: unknown, after: number | undefined): void {
    void this.#connection?.close()
    if (!this.#settings.reconnect) {
      if (error !== undefined) throw error
      void this.#close()
      return
    }
    const delay = this.#wait.failed(after)
    const { failures } = this.#wait
    this.#onRetry?.({ attempt: this.#attempts + 1, failures, delay, error, expired: false })
  }

  #take(): E {
    const event = this.#queue.take()
    this.#lastTaken = event.id
    return (this.#settings.json ? parseJsonEvent(event) : event) as E
  }

  async #close(): Promise<void> {
    if (!this.#stop.signal.aborted) {
      this.#stop.abort()
      this.#signal?.removeEventListener('abort', this.#onAbort)
    }
    await this.#connection?.close()
  }
}
