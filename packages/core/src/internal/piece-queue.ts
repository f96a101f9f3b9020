import { toChunk } from './to-chunk.ts'

/** Encoded text, or bytes encoded once and shared (a channel's event). */
export type Piece = string | Uint8Array

/**
 * The pieces waiting for one client, oldest first, and their size. Most chunks carry one piece
 * (an event to a subscriber, a heartbeat): it waits in a field of its own, and only the pieces
 * after it go into an array, so an idle stream holds no array at all. The outbox extends it, so
 * the two are one object per stream.
 */
export class PieceQueue {
  #first: Piece | undefined
  #rest: Piece[] | undefined
  #size = 0
  // Pre-encoded bytes are among the pieces, so a chunk cannot be joined as text.
  #hasBytes = false

  /** Bytes (UTF-16 units for text not yet encoded) waiting. */
  get size(): number {
    return this.#size
  }

  /** Whether nothing waits. */
  get empty(): boolean {
    return this.#first === undefined
  }

  /** How many pieces wait. */
  get count(): number {
    return this.#first === undefined ? 0 : 1 + (this.#rest?.length ?? 0)
  }

  /** Whether at most one piece waits. */
  get single(): boolean {
    return !this.#rest?.length
  }

  protected push(piece: Piece): void {
    if (this.#first === undefined) this.#first = piece
    else if (this.#rest === undefined) this.#rest = [piece]
    else this.#rest.push(piece)
    this.#size += piece.length
    if (typeof piece !== 'string') this.#hasBytes = true
  }

  /** Joins everything waiting into one chunk (text, for a target that encodes it) and empties. */
  protected take(keepText: boolean | undefined): Uint8Array | string {
    const chunk = toChunk(this.#first as Piece, this.#rest, this.#hasBytes, keepText)
    this.#first = undefined
    // A producer's loop keeps its array for the next chunk; the chunk holds no reference to it.
    if (this.#rest !== undefined) this.#rest.length = 0
    this.#size = 0
    this.#hasBytes = false
    return chunk
  }

  /**
   * Drops the oldest pieces until at most `limit` bytes wait; returns how many went. Each piece
   * is one whole write, so no event is cut.
   */
  protected dropUntil(limit: number): number {
    let dropped = 0
    while (this.#size > limit && this.#first !== undefined) {
      this.#size -= this.#first.length
      this.#first = this.#rest?.shift()
      if (this.#rest?.length === 0) this.#rest = undefined
      dropped++
    }
    return dropped
  }

  /** Forgets everything waiting. */
  protected clear(): void {
    this.#first = undefined
    this.#rest = undefined
    this.#size = 0
    this.#hasBytes = false
  }
}
