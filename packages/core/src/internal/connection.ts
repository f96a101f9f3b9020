import type { CloseReason, ConnectionOptions } from '../types.ts'
import type { ChunkTarget } from './chunk-target.ts'
import { CompressingTarget } from './compressing-target.ts'
import { DIRECT_WRITE, DirectTarget, type DirectWriter } from './direct-write.ts'
import { checkExpiryOptions, Expiry } from './expiry.ts'
import { hooks } from './hooks.ts'
import { Outbox, type OutboxOwner } from './outbox.ts'
import {
  checkHeartbeat,
  checkHighWaterMark,
  checkRetryOption,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_HIGH_WATER_MARK,
  openingBytes,
} from './stream-options.ts'

const HEARTBEAT = new TextEncoder().encode(':\n\n')
// Which connection a body belongs to, for the one shared direct-write function below.
const owners = new WeakMap<ReadableStream<Uint8Array>, Connection>()

/**
 * One client's event stream: its body, its timers, its abort signal and its close. Streams and
 * channels both write through it. Every way a stream can end goes through
 * {@link Connection.close}, which runs once.
 *
 * An idle stream's memory is mostly this object's, so it holds no closure of its own: it is the
 * body's underlying source (`start`, `pull`, `cancel`), the listener of the client's signal
 * (`handleEvent`) and its outbox's owner, its heartbeat runs one shared function, and its own
 * abort signal exists only once someone asks for it.
 *
 * @example One pre-encoded event to a client, written at the end of this turn
 * ```ts
 * import { Connection } from '@ssekit/core/backend'
 * const connection = new Connection({ signal: request.signal, heartbeat: 10_000 })
 * connection.writeAtTurnEnd(new TextEncoder().encode('data: shared bytes\n\n'))
 * return new Response(connection.body, { headers: { 'content-type': 'text/event-stream' } })
 * ```
 */
export class Connection implements OutboxOwner {
  /** The bytes for the client: the response body (the relay, once written directly). */
  body: ReadableStream<Uint8Array>
  readonly #options: ConnectionOptions
  readonly #outbox: Outbox
  #abort: AbortController | undefined
  #heartbeat: ReturnType<typeof setInterval> | undefined
  // Only for streams given `expiresAt` or `checkCredentials`.
  #expiry: Expiry | undefined
  #reason: CloseReason | undefined
  // Set once the body starts, for a stream with a `compress` option other than identity.
  #compressing: CompressingTarget | undefined

  /**
   * @throws {RangeError} `retry`, `heartbeat`, `highWaterMark` or `expiresAt` is out of range.
   * @throws {TypeError} `expiresAt` or `checkCredentials` has the wrong type.
   */
  constructor(options: ConnectionOptions = {}) {
    this.#options = options
    const { retry, heartbeat = DEFAULT_HEARTBEAT_MS, highWaterMark } = options
    if (retry !== undefined) checkRetryOption(retry)
    const limit = checkHighWaterMark(highWaterMark ?? DEFAULT_HIGH_WATER_MARK)
    checkHeartbeat(heartbeat)
    const expiry = checkExpiryOptions(options, heartbeat)
    this.#outbox = new Outbox(limit, this)
    // Nothing waits inside the stream itself: the outbox holds it, so it can coalesce.
    this.body = new ReadableStream<Uint8Array>(this, { highWaterMark: 0 })
    owners.set(this.body, this)
    Object.defineProperty(this.body, DIRECT_WRITE, { value: writeDirect })
    if (heartbeat !== false) this.#heartbeat = setInterval(Connection.#beat, heartbeat, this)
    if (expiry.on) {
      this.#expiry = new Expiry(expiry.at, options.checkCredentials, (lastWords) => {
        // Sent after what waits, then the stream ends: the client resumes after its last event.
        this.#outbox.writeAtTurnEnd(lastWords)
        this.close('expired')
      })
    }
    // Metrics and a drain, each only when the process has one: a draining one ends it at once.
    hooks.instrumentation?.streamOpened()
    const { signal } = options
    if (signal?.aborted) this.close('client')
    else {
      signal?.addEventListener('abort', this)
      hooks.streams?.opened(this)
    }
  }

  /** The body's underlying source: the first bytes go out at once, so proxies see the stream open. */
  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    // Without `takesText` a target only ever gets bytes, which is all a controller takes.
    let target = controller as ChunkTarget
    const { compress } = this.#options
    if (compress !== undefined && compress.encoding !== 'identity' && this.#reason === undefined) {
      // One compressor per stream, made when its body starts: the opening is its first input.
      target = this.#compressing = new CompressingTarget(target, compress.open(), this)
    }
    this.#outbox.retarget(target)
    const opening = openingBytes(this.#options.retry)
    target.enqueue(opening)
    hooks.instrumentation?.bytesSent(opening.length)
  }

  /** The body's reader wants a chunk. */
  pull(): void {
    this.#outbox.pull()
  }

  /** The body's reader left. */
  cancel(): void {
    // Nobody reads any more: the compressor is freed without its trailer.
    this.#compressing?.abandon()
    this.close('client')
  }

  /** The client's `signal` aborted. */
  handleEvent(): void {
    this.close('client')
  }

  /** The outbox could not hand a chunk on: workerd's way of saying the client left. */
  clientGone(): void {
    this.#compressing?.abandon()
    this.close('client')
  }

  /** Aborts when the stream closes, for any reason. Its `reason` is the {@link CloseReason}. */
  get signal(): AbortSignal {
    if (this.#abort === undefined) {
      this.#abort = new AbortController()
      if (this.#reason !== undefined) this.#abort.abort(this.#reason)
    }
    return this.#abort.signal
  }

  /** Whether `value` is the reason this stream's signal aborted with (a producer rethrowing it). */
  isCloseReason(value: unknown): boolean {
    return this.#reason !== undefined && value === this.#reason
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
    return this.#outbox.writeAtTurnEnd(piece)
  }

  /**
   * Queues a producer's encoded event, eagerly: alone for a waiting client, it goes out at once.
   * Resolves true once it fits under the high-water mark, false if the stream is closed.
   */
  writeEager(text: string): Promise<boolean> {
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
    this.#expiry?.dispose()
    this.#options.signal?.removeEventListener('abort', this)
    // For 'client', what waits is dropped; a compressed body still gets its trailer unless its
    // reader is gone, since a `signal` may be the server's own (a stream it ends early).
    if (reason === 'client') this.#outbox.discard()
    else this.#outbox.end()
    this.#abort?.abort(reason)
    hooks.streams?.closed(this)
    hooks.instrumentation?.streamClosed(reason)
    try {
      this.#options.onClose?.(reason)
    } catch (error) {
      console.error('ssekit: onClose threw', error)
    }
  }

  /**
   * An integration takes the output over before anyone read the body: from now on the outbox
   * writes to its writer, and the server reads the relay instead (see direct-write.ts).
   */
  writeDirect(writer: DirectWriter): ReadableStream<Uint8Array> | undefined {
    // A compressed stream keeps the web stream: its bytes leave the compressor, not the outbox.
    if (this.#reason !== undefined || this.body.locked || this.#compressing !== undefined) {
      return undefined
    }
    const target = new DirectTarget(writer, this.#outbox, openingBytes(this.#options.retry))
    this.#outbox.retarget(target)
    this.body = target.relay(() => this.close('client'))
    return this.body
  }

  // One function for every stream's timer, given its connection as the timer's argument.
  static #beat(connection: Connection): void {
    // A busy stream needs no keep-alive; a full buffer already has bytes on their way.
    connection.#expiry?.beat()
    if (connection.#reason !== undefined) return
    const outbox = connection.#outbox
    if (!outbox.takeWritten() && outbox.ready) {
      // Quiet for a whole interval: the compressor may let its window go before the keep-alive.
      connection.#compressing?.idle()
      outbox.writeAtTurnEnd(HEARTBEAT)
      // The keep-alive itself is no sign of a busy stream.
      outbox.takeWritten()
      hooks.instrumentation?.heartbeatSent()
    }
  }
}

// What every body offers under DIRECT_WRITE: one shared function, `this` being the body.
function writeDirect(
  this: ReadableStream<Uint8Array>,
  writer: DirectWriter,
): ReadableStream<Uint8Array> | undefined {
  return owners.get(this)?.writeDirect(writer)
}
