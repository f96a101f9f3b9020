import type { ChunkTarget } from './chunk-target.ts'
import { checkNextTurn, type TurnCheck } from './flush-turns.ts'
import { hooks } from './hooks.ts'
import { type Piece, PieceQueue } from './piece-queue.ts'
import { utf8Length } from './utf8-length.ts'

/** Who an outbox tells that its target refused a chunk: the client is gone. */
export interface OutboxOwner {
  clientGone(): void
}

/**
 * The bounded, coalescing byte queue between a producer and one client's output: its
 * `ReadableStream`'s controller, or a socket writer (see chunk-target.ts).
 *
 * Text and pre-encoded bytes wait until the consumer asks for more. Everything that waits goes
 * out as one chunk. A lone write to a waiting consumer is enqueued at once. Writes that arrive
 * while the consumer is busy are flushed at its next pull, after the microtask turns in which
 * writes keep coming (never a timer), so a producer writing in a loop fills one chunk, not many.
 */
export class Outbox extends PieceQueue implements TurnCheck {
  #target: ChunkTarget
  readonly #owner: OutboxOwner
  readonly #highWaterMark: number
  /** The consumer waits for a chunk. */
  #waiting = false
  /** A turn check is queued (flush-turns.ts). */
  #scheduled = false
  /** A fan-out write waits: flush at the end of this turn, do not wait for more. */
  #turnEnd = false
  #closed = false
  /** Written to since the heartbeat last asked. */
  #written = false
  /** Written to since the last turn check. */
  #sinceCheck = false
  #idleTurns = 0
  #drainWaiters: ((accepted: boolean) => void)[] | undefined

  /** The target is set by {@link retarget} before the first flush. */
  constructor(highWaterMark: number, owner: OutboxOwner) {
    super()
    this.#target = NO_TARGET
    this.#owner = owner
    this.#highWaterMark = highWaterMark
  }

  /** True while the buffer is below its high-water mark. */
  get ready(): boolean {
    return this.size < this.#highWaterMark
  }

  /**
   * Queues text or bytes to go out at the end of the writer's turn; returns false when the outbox
   * is closed. A channel publishing to thousands of outboxes returns before any of them enqueues.
   */
  writeAtTurnEnd(piece: Piece): boolean {
    if (!this.#push(piece)) return false
    this.#turnEnd = true
    if (this.#waiting) this.#scheduleFlush()
    return true
  }

  /**
   * Queues a producer's own event and resolves as {@link drained} does: the hot path of `send()`.
   * Eager: a lone event to a waiting consumer is enqueued at once. What follows while the consumer
   * is busy waits for its next pull and goes out together.
   */
  writeEager(piece: Piece): Promise<boolean> {
    if (!this.#push(piece)) return RESOLVED_FALSE
    if (this.#waiting) {
      if (this.single && !this.#scheduled) this.#flush()
      else this.#scheduleFlush()
    } else if (this.#target.takesWhileBusy === true && this.#chunkFull()) {
      this.#flush()
    }
    return this.size < this.#highWaterMark ? RESOLVED_TRUE : this.drained()
  }

  /** Resolves once the buffer is below its high-water mark (true), or the outbox closed (false). */
  drained(): Promise<boolean> {
    if (this.#closed) return RESOLVED_FALSE
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
    this.#waiting = false
  }

  /** The consumer asks for a chunk (the stream's `pull`). */
  pull(): void {
    this.#waiting = true
    if (this.#chunkFull()) this.#flush()
    else if (!this.empty) this.#scheduleFlush()
  }

  /** Sends what waits, then ends the stream. */
  end(): void {
    if (this.#closed) return
    if (!this.empty) this.#flush()
    this.#shut()
  }

  /** Drops the oldest waiting pieces until at most `limit` bytes wait, for a slow consumer. */
  dropOldest(limit: number): number {
    const dropped = this.dropUntil(limit)
    if (dropped > 0 && this.ready) this.#wake(true)
    return dropped
  }

  /** Drops what waits and ends the stream: the client is gone. */
  discard(): void {
    if (this.#closed) return
    this.clear()
    this.#shut()
  }

  /** The shared turn's call (flush-turns.ts): flush now, or wait while writes keep coming. */
  checkTurn(): void {
    if (this.#closed) return
    // A producer awaiting an already-resolved `send()` writes again one microtask later, so we
    // wait while writes keep coming (up to one chunk) and flush after a few idle turns.
    const full = this.#chunkFull() || this.#turnEnd
    const writing = this.#sinceCheck
    if (!full && (writing || this.#idleTurns < IDLE_TURNS)) {
      if (writing) this.#idleTurns = 0
      else this.#idleTurns++
      this.#sinceCheck = false
      checkNextTurn(this)
      return
    }
    this.#scheduled = false
    if (this.#waiting && !this.empty) this.#flush()
  }

  /**
   * Whether anything was written since the last call: the heartbeat's question, so a busy
   * stream gets none.
   */
  takeWritten(): boolean {
    const written = this.#written
    this.#written = false
    return written
  }

  // Enough for one chunk: bytes, or as many pieces as the target takes at most.
  #chunkFull(): boolean {
    const { chunkPieces } = this.#target
    return (
      this.size >= Math.min(this.#highWaterMark, CHUNK_TARGET) ||
      (chunkPieces !== undefined && this.count >= chunkPieces)
    )
  }

  #push(piece: Piece): boolean {
    if (this.#closed) return false
    this.push(piece)
    this.#written = true
    this.#sinceCheck = true
    return true
  }

  // Ends the stream too, so a read still in flight (a server's pump) settles instead of hanging.
  #shut(): void {
    this.#closed = true
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
    if (this.#scheduled) return
    this.#scheduled = true
    this.#idleTurns = 0
    checkNextTurn(this)
  }

  #flush(): void {
    const target = this.#target
    const chunk = this.take(target.takesText)
    this.#waiting = false
    this.#sinceCheck = false
    this.#turnEnd = false
    try {
      target.enqueue(chunk)
    } catch {
      // workerd notices a vanished client only here, on the next write.
      this.#owner.clientGone()
      return
    }
    const instrumentation = hooks.instrumentation
    if (instrumentation !== undefined) {
      instrumentation.bytesSent(typeof chunk === 'string' ? utf8Length(chunk) : chunk.length)
    }
    this.#wake(true)
  }
}

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
