import type { ChunkTarget } from './chunk-target.ts'
import { checkNextTurn, type TurnCheck } from './flush-turns.ts'
import { toChunk } from './to-chunk.ts'

/** Who an outbox tells that its target refused a chunk: the client is gone. */
export interface OutboxOwner {
  clientGone(): void
}

type Piece = string | Uint8Array

/**
 * The bounded, coalescing byte queue between a producer and one client's output: its
 * `ReadableStream`'s controller, or a socket writer (see chunk-target.ts).
 *
 * Text and pre-encoded bytes wait until the consumer asks for more. Everything that waits goes
 * out as one chunk. A lone write to a waiting consumer is enqueued at once. Writes that arrive
 * while the consumer is busy are flushed at its next pull, after the microtask turns in which
 * writes keep coming (never a timer), so a producer writing in a loop fills one chunk, not many.
 * Most flushes carry one piece (an event to a subscriber, a heartbeat): it waits in its own field,
 * and only the pieces after it go into an array, so an idle stream holds no array at all.
 */
export class Outbox implements TurnCheck {
  #target: ChunkTarget
  readonly #owner: OutboxOwner
  readonly #highWaterMark: number
  #first: Piece | undefined
  #rest: Piece[] | undefined
  #pendingSize = 0
  // The yes/no state in one number (see the flags below): every field is 8 bytes per stream.
  #flags = 0
  #idleTurns = 0
  #drainWaiters: ((accepted: boolean) => void)[] | undefined

  /** The target is set by {@link retarget} before the first flush. */
  constructor(highWaterMark: number, owner: OutboxOwner) {
    this.#target = NO_TARGET
    this.#owner = owner
    this.#highWaterMark = highWaterMark
  }

  /** Bytes (UTF-16 units for text not yet encoded) waiting for the consumer. */
  get size(): number {
    return this.#pendingSize
  }

  /** True while the buffer is below its high-water mark. */
  get ready(): boolean {
    return this.#pendingSize < this.#highWaterMark
  }

  /**
   * Queues text or bytes to go out at the end of the writer's turn; returns false when the outbox
   * is closed. A channel publishing to thousands of outboxes returns before any of them enqueues.
   */
  writeAtTurnEnd(piece: Piece): boolean {
    if (!this.#push(piece)) return false
    this.#set(TURN_END)
    if (this.#has(WAITING)) this.#scheduleFlush()
    return true
  }

  /**
   * Queues a producer's own event and resolves as {@link drained} does: the hot path of `send()`.
   * Eager: a lone event to a waiting consumer is enqueued at once. What follows while the consumer
   * is busy waits for its next pull and goes out together.
   */
  writeEager(piece: Piece): Promise<boolean> {
    if (!this.#push(piece)) return RESOLVED_FALSE
    if (this.#has(WAITING)) {
      if (!this.#rest?.length && !this.#has(SCHEDULED)) this.#flush()
      else this.#scheduleFlush()
    }
    return this.#pendingSize < this.#highWaterMark ? RESOLVED_TRUE : this.drained()
  }

  /** Resolves once the buffer is below its high-water mark (true), or the outbox closed (false). */
  drained(): Promise<boolean> {
    if (this.#has(CLOSED)) return RESOLVED_FALSE
    if (this.ready) return RESOLVED_TRUE
    return new Promise((resolve) => {
      this.#drainWaiters ??= []
      this.#drainWaiters.push(resolve)
    })
  }

  /**
   * Sends every later chunk to `target` instead. What waits stays queued for it; the consumer is
   * not waiting until the new target pulls.
   */
  retarget(target: ChunkTarget): void {
    this.#target = target
    this.#clear(WAITING)
  }

  /** The consumer asks for a chunk (the stream's `pull`). */
  pull(): void {
    this.#set(WAITING)
    if (this.#pendingSize >= Math.min(this.#highWaterMark, CHUNK_TARGET)) this.#flush()
    else if (this.#first !== undefined) this.#scheduleFlush()
  }

  /** Sends what waits, then ends the stream. */
  end(): void {
    if (this.#has(CLOSED)) return
    if (this.#first !== undefined) this.#flush()
    this.#shut()
  }

  /**
   * Drops the oldest waiting pieces until at most `limit` bytes wait, for a slow consumer.
   * Returns how many pieces were dropped. Each piece is one whole write, so no event is cut.
   */
  dropOldest(limit: number): number {
    let dropped = 0
    while (this.#pendingSize > limit && this.#first !== undefined) {
      this.#pendingSize -= this.#first.length
      this.#first = this.#rest?.shift()
      if (this.#rest?.length === 0) this.#rest = undefined
      dropped++
    }
    if (dropped > 0 && this.ready) this.#wake(true)
    return dropped
  }

  /** Drops what waits and ends the stream: the client is gone. */
  discard(): void {
    if (this.#has(CLOSED)) return
    this.#first = undefined
    this.#rest = undefined
    this.#pendingSize = 0
    this.#shut()
  }

  /** The shared turn's call (flush-turns.ts): flush now, or wait while writes keep coming. */
  checkTurn(): void {
    if (this.#has(CLOSED)) return
    // A producer awaiting an already-resolved `send()` writes again one microtask later, so we
    // wait while writes keep coming (up to one chunk) and flush after a few idle turns.
    const full =
      this.#pendingSize >= Math.min(this.#highWaterMark, CHUNK_TARGET) || this.#has(TURN_END)
    const writing = this.#has(SINCE_CHECK)
    if (!full && (writing || this.#idleTurns < IDLE_TURNS)) {
      if (writing) this.#idleTurns = 0
      else this.#idleTurns++
      this.#clear(SINCE_CHECK)
      checkNextTurn(this)
      return
    }
    this.#clear(SCHEDULED)
    if (this.#has(WAITING) && this.#first !== undefined) this.#flush()
  }

  /**
   * Whether anything was written since the last call: the heartbeat's question, so a busy
   * stream gets none.
   */
  takeWritten(): boolean {
    const written = this.#has(WRITTEN)
    this.#clear(WRITTEN)
    return written
  }

  #has(flag: number): boolean {
    return (this.#flags & flag) !== 0
  }

  #set(flag: number): void {
    this.#flags |= flag
  }

  #clear(flag: number): void {
    this.#flags &= ~flag
  }

  #push(piece: Piece): boolean {
    if (this.#has(CLOSED)) return false
    if (this.#first === undefined) this.#first = piece
    else if (this.#rest === undefined) this.#rest = [piece]
    else this.#rest.push(piece)
    this.#pendingSize += piece.length
    this.#set(typeof piece === 'string' ? WRITTEN | SINCE_CHECK : WRITTEN | SINCE_CHECK | BYTES)
    return true
  }

  // Ends the stream too, so a read still in flight (a server's pump) settles instead of hanging.
  #shut(): void {
    this.#set(CLOSED)
    this.#wake(false)
    try {
      this.#target.close()
    } catch {
      // Cancelled or errored already: nothing is left to close.
    }
  }

  #wake(accepted: boolean): void {
    const waiters = this.#drainWaiters
    if (waiters === undefined || waiters.length === 0) return
    this.#drainWaiters = undefined
    for (const resolve of waiters) resolve(accepted)
  }

  #scheduleFlush(): void {
    if (this.#has(SCHEDULED)) return
    this.#set(SCHEDULED)
    this.#idleTurns = 0
    checkNextTurn(this)
  }

  #flush(): void {
    const target = this.#target
    const chunk = toChunk(this.#first as Piece, this.#rest, this.#has(BYTES), target.takesText)
    this.#first = undefined
    // A producer's loop keeps its array for the next chunk; the chunk holds no reference to it.
    if (this.#rest !== undefined) this.#rest.length = 0
    this.#pendingSize = 0
    this.#clear(BYTES)
    this.#clear(WAITING)
    this.#clear(SINCE_CHECK)
    this.#clear(TURN_END)
    try {
      target.enqueue(chunk)
    } catch {
      // workerd notices a vanished client only here, on the next write.
      this.#owner.clientGone()
      return
    }
    this.#wake(true)
  }
}

// Flags: bytes among the pieces; the consumer waits; a check is queued; a turn-end write waits;
// closed; written since the heartbeat last asked; written since the last turn check.
const BYTES = 1
const WAITING = 2
const SCHEDULED = 4
const TURN_END = 8
const CLOSED = 16
const WRITTEN = 32
const SINCE_CHECK = 64
const NO_TARGET: ChunkTarget = {
  enqueue() {
    throw new Error('Cannot write: the outbox has no target yet')
  },
  close() {},
}
const CHUNK_TARGET = 32 * 1024
const IDLE_TURNS = 2
const RESOLVED_TRUE = Promise.resolve(true)
const RESOLVED_FALSE = Promise.resolve(false)
