import { afterTurns } from './after-turns.ts'
import type { ChunkTarget } from './chunk-target.ts'
import { checkNextTurn, type TurnCheck } from './flush-turns.ts'
import type { Outbox } from './outbox.ts'

const BUSY_TURNS = 1
const encoder = new TextEncoder()

/**
 * The key under which every ssekit event-stream body offers its bytes to a runtime integration
 * that can write them to the socket itself, skipping the `ReadableStream` → socket pump of a fetch
 * adapter (on Node that pump costs more per small chunk than the rest of a fan-out together).
 * `Symbol.for`, so it is the same key in every copy of the core. Calling it is the only way in:
 * a server that never does so gets the plain web stream.
 *
 * @example Hand an event stream's output to a socket writer
 * ```ts
 * import { sseResponse } from '@ssekit/core'
 * import { DIRECT_WRITE, type DirectWriter } from '@ssekit/core/backend'
 * const response = sseResponse(() => {})
 * const body = response.body as ReadableStream & {
 *   [DIRECT_WRITE]?: (writer: DirectWriter) => ReadableStream | undefined
 * }
 * const writer: DirectWriter = { write: () => true, onDrain: () => {}, headersSent: () => true }
 * const relay = body[DIRECT_WRITE]?.(writer)
 * return new Response(relay ?? response.body, response)
 * ```
 */
export const DIRECT_WRITE: unique symbol = Symbol.for('ssekit.direct-write')

/**
 * A runtime's writer for one response, as an integration hands it to {@link DIRECT_WRITE}:
 * Node's `ServerResponse` fits, through `write`, its `'drain'` event and `headersSent`.
 *
 * @example A writer over Node's ServerResponse (its methods used here)
 * ```ts
 * import type { DirectWriter } from '@ssekit/core/backend'
 * interface ServerResponse {
 *   write(chunk: Uint8Array | string): boolean
 *   on(event: 'drain', listener: () => void): unknown
 *   readonly headersSent: boolean
 * }
 * const writerOf = (res: ServerResponse): DirectWriter => ({
 *   write: (chunk) => res.write(chunk),
 *   onDrain: (resume) => void res.on('drain', resume),
 *   headersSent: () => res.headersSent,
 * })
 * return new Response(typeof writerOf)
 * ```
 */
export interface DirectWriter {
  /** Writes one chunk of the body, text as UTF-8; false once the writer's buffer is full. */
  write(chunk: Uint8Array | string): boolean
  /** Registers the call that resumes writing once a full buffer has drained. */
  onDrain(resume: () => void): void
  /**
   * Runs `run` once the current run of microtasks is over: on Node `process.nextTick`, whose
   * queue waits until the microtask queue is empty. With it the writer counts as busy after each
   * write until then, so a producer awaiting every `send()` in a loop only appends to the outbox
   * (no turn check per event), and what it wrote goes out as one write once it stops or fills the
   * buffer. Without it the writer counts as busy for one microtask turn after each write.
   */
  afterTurns?(run: () => void): void
  /**
   * Whether the server has written the response head. Some servers read the body before they
   * write the head (`@hono/node-server` without `overrideGlobalObjects`); a body written directly
   * then would go out first. Without it, the server's first read is taken to mean the head is out.
   */
  headersSent?(): boolean
}

/**
 * Chunks go straight to a {@link DirectWriter}. The server still sends the response head and
 * ends the response: it reads a relay stream that carries no bytes, whose first read says the
 * head is out and whose close ends the body. After each write the writer counts as busy until
 * the microtasks run out (with `afterTurns`) or for one microtask turn, as a fetch adapter is
 * between two reads, so a producer writing in a loop still fills one chunk instead of making one
 * write per event.
 */
export class DirectTarget implements ChunkTarget, TurnCheck {
  readonly #writer: DirectWriter
  readonly #outbox: Outbox
  /** The writer encodes text itself, in the system call that sends it. */
  readonly takesText = true
  /**
   * 64 events a write at most, as the hand-written limit joins them: with up to 32 KiB of small
   * events waiting (hundreds of strings, each a rope of several) every garbage-collector scavenge
   * during a burst copied them all.
   */
  readonly chunkPieces = 64
  #relay: ReadableStreamDefaultController<Uint8Array> | undefined
  // What came before the server read the relay (the opening at least); undefined once it did.
  #early: (Uint8Array | string)[] | undefined
  #closed = false
  #full = false
  // The head was not out at the server's first read: every chunk goes through the relay.
  #relayed = false
  // Turns the writer still counts as busy after a write (see checkTurn).
  #busyTurns = 0
  // Waiting for the writer's `afterTurns`.
  #afterTurns = false

  constructor(writer: DirectWriter, outbox: Outbox, opening: Uint8Array) {
    this.#writer = writer
    this.#outbox = outbox
    this.#early = [opening]
    writer.onDrain(() => {
      if (!this.#full) return
      this.#full = false
      outbox.pull()
    })
  }

  /** The stream to hand the server instead of the body; `onCancel` runs if the client leaves. */
  relay(onCancel: () => void): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#relay = controller
        },
        pull: () => this.#start(),
        cancel: onCancel,
      },
      { highWaterMark: 0 },
    )
  }

  enqueue(chunk: Uint8Array | string): void {
    if (this.#relayed) {
      this.#relay?.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
      return
    }
    if (this.#early !== undefined) {
      this.#early.push(chunk)
      return
    }
    const writer = this.#writer
    if (!writer.write(chunk)) {
      this.#full = true
    } else if (writer.afterTurns !== undefined) {
      if (!this.#afterTurns) {
        this.#afterTurns = true
        afterTurns(this, writer.afterTurns)
      }
    } else {
      this.#busyTurns = BUSY_TURNS
      checkNextTurn(this)
    }
  }

  /**
   * Between a write and the writer's `afterTurns`, a full chunk may go out at once: Node's
   * `res.write()` takes it synchronously (and says when its buffer is full).
   */
  get takesWhileBusy(): boolean {
    return this.#afterTurns && !this.#full && !this.#closed
  }

  /** The microtasks ran out after a write (`afterTurns`): the writer waits again. */
  writerIdle(): void {
    this.#afterTurns = false
    if (!this.#full && !this.#closed) this.#outbox.pull()
  }

  /**
   * A write that left room makes the writer wait again, but only after another turn: a producer
   * awaiting `send()` writes its next event one turn later, which then waits in the outbox and
   * draws the rest of a burst after it into one chunk, as it would while a fetch adapter is
   * between two reads. Pulling at once would make every event its own `res.write()`.
   */
  checkTurn(): void {
    if (this.#full) return
    if (this.#busyTurns-- > 0) checkNextTurn(this)
    else this.#outbox.pull()
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    if (this.#early === undefined || this.#relayed) this.#closeRelay()
  }

  // The server read the relay: its head is out, so the body may follow.
  #start(): void {
    if (this.#relayed) {
      this.#outbox.pull()
      return
    }
    const early = this.#early
    if (early === undefined) return
    this.#early = undefined
    if (this.#writer.headersSent?.() === false) {
      // A server that reads before it writes its head: stay a plain stream, in order.
      this.#relayed = true
      for (const chunk of early) this.enqueue(chunk)
      if (this.#closed) this.#closeRelay()
      return
    }
    let room = true
    for (const chunk of early) room = this.#writer.write(chunk)
    if (this.#closed) this.#closeRelay()
    else if (room) this.#outbox.pull()
    else this.#full = true
  }

  #closeRelay(): void {
    try {
      this.#relay?.close()
    } catch {
      // The server cancelled it already: the client is gone.
    }
  }
}
