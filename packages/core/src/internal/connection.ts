import type { ClientStreamOptions, CloseReason } from '../types.ts'
import { streamTarget } from './chunk-target.ts'
import { DIRECT_WRITE, DirectTarget, type DirectWriter } from './direct-write.ts'
import { Outbox } from './outbox.ts'

export const DEFAULT_HEARTBEAT_MS: number = 15_000
export const DEFAULT_HIGH_WATER_MARK: number = 64 * 1024
const HEARTBEAT = ':\n\n'
const encoder = new TextEncoder()

/**
 * One client's event stream: its body, its timers, its abort signal and its close. Streams and
 * channels both write through it. Every way a stream can end goes through
 * {@link Connection.close}, which runs once.
 */
export class Connection {
  /** The bytes for the client: the response body (the relay, once written directly). */
  body: ReadableStream<Uint8Array>
  readonly #abort = new AbortController()
  readonly #options: ClientStreamOptions
  #outbox!: Outbox
  #heartbeat: ReturnType<typeof setInterval> | undefined
  #wroteSinceBeat = false
  #reason: CloseReason | undefined

  /** @throws {RangeError} `retry`, `heartbeat` or `highWaterMark` is out of range. */
  constructor(options: ClientStreamOptions = {}) {
    this.#options = options
    const { retry, heartbeat = DEFAULT_HEARTBEAT_MS, highWaterMark } = options
    const opening = openingText(retry === undefined ? undefined : checkRetryOption(retry))
    const bufferLimit = checkHighWaterMark(highWaterMark ?? DEFAULT_HIGH_WATER_MARK)
    checkHeartbeat(heartbeat)
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#outbox = new Outbox(streamTarget(controller), bufferLimit, () =>
            this.close('client'),
          )
          // The first bytes go out at once, so clients and proxies see the stream open.
          controller.enqueue(encoder.encode(opening))
        },
        pull: () => this.#outbox.pull(),
        cancel: () => this.close('client'),
      },
      // Nothing waits inside the stream itself: the outbox holds it, so it can coalesce.
      { highWaterMark: 0 },
    )
    Object.defineProperty(this.body, DIRECT_WRITE, { value: this.#writeDirect })
    if (heartbeat !== false) this.#startHeartbeat(heartbeat)
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

  /**
   * Queues encoded text or bytes to go out at the end of the writer's turn, the path of fan-out.
   * Returns false once the stream is closed.
   */
  writeAtTurnEnd(piece: string | Uint8Array): boolean {
    this.#wroteSinceBeat = true
    return this.#outbox.writeAtTurnEnd(piece)
  }

  /**
   * Queues a producer's encoded event, eagerly: alone for a waiting client, it goes out at once.
   * Resolves true once it fits under the high-water mark, false if the stream is closed.
   */
  writeEager(text: string): Promise<boolean> {
    this.#wroteSinceBeat = true
    return this.#outbox.writeEager(text)
  }

  /**
   * Drops the oldest waiting writes until at most `limit` bytes wait; returns how many went.
   * Channels use it to shed a slow consumer's backlog.
   */
  dropOldest(limit: number): number {
    return this.#outbox.dropOldest(limit)
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

  // An integration takes the output over before anyone read the body: from now on the outbox
  // writes to its writer, and the server reads the relay instead (see direct-write.ts).
  readonly #writeDirect = (writer: DirectWriter): ReadableStream<Uint8Array> | undefined => {
    if (this.#reason !== undefined || this.body.locked) return undefined
    const opening = encoder.encode(openingText(this.#options.retry))
    const target = new DirectTarget(writer, this.#outbox, opening)
    this.#outbox.retarget(target)
    this.body = target.relay(() => this.close('client'))
    return this.body
  }

  #startHeartbeat(interval: number): void {
    this.#heartbeat = setInterval(() => {
      // A busy stream needs no keep-alive; a full buffer already has bytes on their way.
      if (!this.#wroteSinceBeat && this.#outbox.ready) this.#outbox.writeAtTurnEnd(HEARTBEAT)
      this.#wroteSinceBeat = false
    }, interval)
  }
}

// The first bytes of every stream: a comment, or the client's reconnection delay.
function openingText(retry: number | undefined): string {
  return retry === undefined ? ':\n\n' : `retry: ${retry}\n\n`
}

function checkRetryOption(retry: unknown): number {
  if (typeof retry !== 'number') {
    throw new TypeError('Cannot open the stream: option `retry` must be a number')
  }
  if (!Number.isSafeInteger(retry) || retry < 0) {
    throw new RangeError(
      `Cannot open the stream: option \`retry\` must be a non-negative safe integer, got ${String(retry)}`,
    )
  }
  return retry
}

function checkHighWaterMark(bytes: number): number {
  if (!(bytes > 0)) {
    throw new RangeError(
      `Cannot open the stream: option \`highWaterMark\` must be a positive number, got ${String(bytes)}`,
    )
  }
  return bytes
}

function checkHeartbeat(interval: number | false): void {
  if (interval !== false && !(interval > 0)) {
    throw new RangeError(
      `Cannot open the stream: option \`heartbeat\` must be a positive number or false, got ${String(interval)}`,
    )
  }
}
