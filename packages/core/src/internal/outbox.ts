import type { ChunkTarget } from './chunk-target.ts'
import { checkNextTurn } from './flush-turns.ts'

/**
 * The bounded, coalescing byte queue between a producer and one client's output: its
 * `ReadableStream`, or a socket writer (see chunk-target.ts).
 *
 * Text and pre-encoded bytes wait in `pending` until the consumer asks for more. Everything that
 * waits goes out as one chunk. A lone write to a waiting consumer is enqueued at once. Writes that
 * arrive while the consumer is busy are flushed at its next pull, after the microtask turns in which
 * writes keep coming (never a timer), so a producer writing in a loop fills one chunk, not many.
 */
export class Outbox {
  #target: ChunkTarget
  readonly #onBroken: () => void
  readonly #highWaterMark: number
  readonly #chunkTarget: number
  #pending: (string | Uint8Array)[] = []
  #pendingSize = 0
  #pendingBytes = false
  #consumerWaiting = false
  #flushScheduled = false
  // A turn-end write is there: the next check flushes without waiting for idle turns.
  #turnEnd = false
  #writesSinceCheck = 0
  #idleTurns = 0
  #drainWaiters: ((accepted: boolean) => void)[] = []
  #closed = false

  /** `onBroken` runs when the target refuses a chunk: the client is gone. */
  constructor(target: ChunkTarget, highWaterMark: number, onBroken: () => void) {
    this.#target = target
    this.#onBroken = onBroken
    this.#highWaterMark = highWaterMark
    this.#chunkTarget = Math.min(highWaterMark, CHUNK_TARGET)
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
  writeAtTurnEnd(piece: string | Uint8Array): boolean {
    if (!this.#push(piece)) return false
    this.#turnEnd = true
    if (this.#consumerWaiting) this.#scheduleFlush()
    return true
  }

  /**
   * Queues a producer's own event and resolves as {@link drained} does: the hot path of `send()`.
   * Eager: a lone event to a waiting consumer is enqueued at once. What follows while the consumer
   * is busy waits for its next pull and goes out together.
   */
  writeEager(piece: string | Uint8Array): Promise<boolean> {
    if (!this.#push(piece)) return RESOLVED_FALSE
    if (this.#consumerWaiting) {
      if (this.#pending.length === 1 && !this.#flushScheduled) this.#flush()
      else this.#scheduleFlush()
    }
    return this.#pendingSize < this.#highWaterMark ? RESOLVED_TRUE : this.drained()
  }

  #push(piece: string | Uint8Array): boolean {
    if (this.#closed) return false
    this.#pending.push(piece)
    this.#pendingSize += piece.length
    if (typeof piece !== 'string') this.#pendingBytes = true
    this.#writesSinceCheck++
    return true
  }

  /** Resolves once the buffer is below its high-water mark (true), or the outbox closed (false). */
  drained(): Promise<boolean> {
    if (this.#closed) return RESOLVED_FALSE
    if (this.ready) return RESOLVED_TRUE
    return new Promise((resolve) => this.#drainWaiters.push(resolve))
  }

  /**
   * Sends every later chunk to `target` instead. What waits stays queued for it; the consumer is
   * not waiting until the new target pulls.
   */
  retarget(target: ChunkTarget): void {
    this.#target = target
    this.#consumerWaiting = false
  }

  /** The consumer asks for a chunk (the stream's `pull`). */
  pull(): void {
    this.#consumerWaiting = true
    if (this.#pendingSize >= this.#chunkTarget) this.#flush()
    else if (this.#pending.length > 0) this.#scheduleFlush()
  }

  /** Sends what waits, then ends the stream. */
  end(): void {
    if (this.#closed) return
    if (this.#pending.length > 0) this.#flush()
    this.#shut()
  }

  /**
   * Drops the oldest waiting pieces until at most `limit` bytes wait, for a slow consumer.
   * Returns how many pieces were dropped. Each piece is one whole write, so no event is cut.
   */
  dropOldest(limit: number): number {
    let dropped = 0
    while (this.#pendingSize > limit && dropped < this.#pending.length) {
      this.#pendingSize -= (this.#pending[dropped] as string | Uint8Array).length
      dropped++
    }
    if (dropped === 0) return 0
    this.#pending.splice(0, dropped)
    if (this.ready) this.#wake(true)
    return dropped
  }

  /** Drops what waits and ends the stream: the client is gone. */
  discard(): void {
    if (this.#closed) return
    this.#pending = []
    this.#pendingSize = 0
    this.#shut()
  }

  // Ends the stream too, so a read still in flight (a server's pump) settles instead of hanging.
  #shut(): void {
    this.#closed = true
    this.#wake(false)
    this.#target.close()
  }

  // Most flushes have no producer waiting: skip the allocation of splice().
  #wake(accepted: boolean): void {
    if (this.#drainWaiters.length === 0) return
    for (const resolve of this.#drainWaiters.splice(0)) resolve(accepted)
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    this.#idleTurns = 0
    checkNextTurn(this.#checkFlush)
  }

  // A producer awaiting an already-resolved `send()` writes again one microtask later, so we wait
  // while writes keep coming (up to one chunk) and flush after a few idle turns.
  readonly #checkFlush = (): void => {
    if (this.#closed) return
    const full = this.#pendingSize >= this.#chunkTarget || this.#turnEnd
    if (!full && (this.#writesSinceCheck > 0 || this.#idleTurns < IDLE_TURNS)) {
      if (this.#writesSinceCheck > 0) this.#idleTurns = 0
      else this.#idleTurns++
      this.#writesSinceCheck = 0
      checkNextTurn(this.#checkFlush)
      return
    }
    this.#flushScheduled = false
    if (this.#consumerWaiting && this.#pending.length > 0) this.#flush()
  }

  #flush(): void {
    const chunk = toChunk(this.#pending, this.#pendingBytes)
    // The chunk holds no reference to the array, so it can be reused.
    this.#pending.length = 0
    this.#pendingSize = 0
    this.#pendingBytes = false
    this.#consumerWaiting = false
    this.#writesSinceCheck = 0
    this.#turnEnd = false
    try {
      this.#target.push(chunk)
    } catch {
      // workerd notices a vanished client only here, on the next write.
      this.#onBroken()
      return
    }
    this.#wake(true)
  }
}

const CHUNK_TARGET = 32 * 1024
const IDLE_TURNS = 2
const RESOLVED_TRUE = Promise.resolve(true)
const RESOLVED_FALSE = Promise.resolve(false)
const encoder = new TextEncoder()

function toChunk(pieces: (string | Uint8Array)[], hasBytes: boolean): Uint8Array {
  const first = pieces[0]
  if (pieces.length === 1) {
    return typeof first === 'string' ? encoder.encode(first) : (first as Uint8Array)
  }
  if (!hasBytes) return encoder.encode(pieces.join(''))
  const parts = pieces.map((piece) => (typeof piece === 'string' ? encoder.encode(piece) : piece))
  const chunk = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let offset = 0
  for (const part of parts) {
    chunk.set(part, offset)
    offset += part.length
  }
  return chunk
}
