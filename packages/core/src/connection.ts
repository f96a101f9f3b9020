import { checkRetry } from './encode.ts'
import { Outbox } from './outbox.ts'
import type { CloseReason } from './types.ts'

/**
 * How one client's stream behaves, whoever produces its events.
 *
 * @example A stream that beats every 5 s and reports why it closed
 * ```ts
 * import { type ConnectionOptions, sseResponse } from '@ssekit/core'
 * const options: ConnectionOptions = {
 *   signal: request.signal,
 *   heartbeat: 5_000,
 *   onClose: (reason) => console.log('stream closed:', reason),
 * }
 * return sseResponse(() => {}, options)
 * ```
 */
export interface ConnectionOptions {
  /**
   * Aborts when the client goes away: pass `request.signal`.
   * @defaultValue none; the stream's own `cancel()` and failed writes still stop it
   */
  signal?: AbortSignal | undefined
  /**
   * Sent as the opening `retry:` line, the client's reconnection delay in milliseconds. Without it
   * the stream opens with an empty comment.
   * @defaultValue none
   */
  retry?: number | undefined
  /**
   * Milliseconds between keep-alive comments on a quiet stream, or `false` for none. workerd notices a
   * vanished client only when it writes, and Bun closes idle sockets after 10 s, so keep it on.
   * @defaultValue 15000
   */
  heartbeat?: number | false | undefined
  /**
   * Bytes that may wait for a slow client before `send()` makes the producer wait.
   * @defaultValue 65536
   */
  highWaterMark?: number | undefined
  /** Called exactly once, after the stream closed and every timer and listener is gone. */
  onClose?: ((reason: CloseReason) => void) | undefined
}

export const DEFAULT_HEARTBEAT_MS: number = 15_000
export const DEFAULT_HIGH_WATER_MARK: number = 64 * 1024
const HEARTBEAT = ':\n\n'
const encoder = new TextEncoder()

/**
 * One client's event stream: its bytes, its timers, its abort signal and its close.
 * Every way a stream can end goes through {@link Connection.close}, which runs once.
 * @internal
 */
export class Connection {
  readonly stream: ReadableStream<Uint8Array>
  readonly #abort = new AbortController()
  readonly #options: ConnectionOptions
  #outbox!: Outbox
  #heartbeat: ReturnType<typeof setInterval> | undefined
  #wroteSinceBeat = false
  #reason: CloseReason | undefined

  constructor(options: ConnectionOptions = {}) {
    this.#options = options
    const opening =
      options.retry === undefined ? ':\n\n' : `retry: ${checkRetry(options.retry)}\n\n`
    const highWaterMark = options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK
    if (!(highWaterMark > 0)) throw new RangeError('`highWaterMark` must be a positive number')
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#outbox = new Outbox(controller, highWaterMark, () => this.close('client'))
          // The first bytes go out at once, so clients and proxies see the stream open.
          controller.enqueue(encoder.encode(opening))
        },
        pull: () => this.#outbox.pull(),
        cancel: () => this.close('client'),
      },
      // Nothing waits inside the stream itself: the outbox holds it, so it can coalesce.
      { highWaterMark: 0 },
    )
    this.#startHeartbeat(options.heartbeat ?? DEFAULT_HEARTBEAT_MS)
    const { signal } = options
    if (signal?.aborted) this.close('client')
    else signal?.addEventListener('abort', this.#onClientAbort)
  }

  /** Aborts when the stream closes, for any reason. Its `reason` is the {@link CloseReason}. */
  get signal(): AbortSignal {
    return this.#abort.signal
  }

  /** Why the stream closed, or `undefined` while it is open. */
  get closeReason(): CloseReason | undefined {
    return this.#reason
  }

  /** True while open and under the high-water mark. */
  get ready(): boolean {
    return this.#reason === undefined && this.#outbox.ready
  }

  /** Bytes waiting for the client. */
  get buffered(): number {
    return this.#outbox.size
  }

  /** Queues encoded text or bytes. Returns false once the stream is closed. */
  write(piece: string | Uint8Array): boolean {
    this.#wroteSinceBeat = true
    return this.#outbox.write(piece)
  }

  /**
   * Drops the oldest waiting writes until at most `limit` bytes wait; returns how many went.
   * Channels use it to shed a slow consumer's backlog.
   */
  dropOldest(limit: number): number {
    return this.#outbox.dropOldest(limit)
  }

  /** Queues encoded text; resolves true once it fits under the high-water mark, false if closed. */
  send(text: string): Promise<boolean> {
    this.#wroteSinceBeat = true
    return this.#outbox.offer(text)
  }

  /** Resolves true when the buffer is below its high-water mark, false once closed. */
  drained(): Promise<boolean> {
    return this.#outbox.drained()
  }

  /**
   * Closes the stream once. For `'client'` what waits is dropped; otherwise it is sent first.
   * Then timers and listeners go, the signal aborts, and `onClose` runs.
   */
  close(reason: CloseReason): void {
    if (this.#reason !== undefined) return
    this.#reason = reason
    clearInterval(this.#heartbeat)
    this.#options.signal?.removeEventListener('abort', this.#onClientAbort)
    if (reason === 'client') this.#outbox.discard()
    else this.#outbox.end()
    this.#abort.abort(reason)
    try {
      this.#options.onClose?.(reason)
    } catch (error) {
      console.error('ssekit: onClose threw', error)
    }
  }

  readonly #onClientAbort = (): void => this.close('client')

  #startHeartbeat(interval: number | false): void {
    if (interval === false) return
    if (!(interval > 0)) throw new RangeError('`heartbeat` must be a positive number or false')
    this.#heartbeat = setInterval(() => {
      // A busy stream needs no keep-alive; a full buffer already has bytes on their way.
      if (!this.#wroteSinceBeat && this.#outbox.ready) this.#outbox.write(HEARTBEAT)
      this.#wroteSinceBeat = false
    }, interval)
  }
}
