/**
 * Where an outbox's chunks go: the client's `ReadableStream` controller itself (the web-standard
 * default, with no object of our own per stream), or a runtime's socket writer when an
 * integration asked for it (see direct-write.ts). Either way the outbox flushes only while the
 * target waits for a chunk, and the target says through the outbox's `pull()` when it waits again.
 */
export interface ChunkTarget {
  /**
   * Takes one chunk; the outbox then waits for its next `pull()`. Throws if the client is gone.
   * Text comes only to a target that says it {@link ChunkTarget.takesText}.
   */
  enqueue(chunk: Uint8Array | string): void
  /**
   * True when the target encodes text itself (Node's `res.write()` does, in the same system call
   * that sends it), so the outbox hands over joined text instead of encoding it first.
   */
  readonly takesText?: boolean
  /**
   * True while the target would take a full chunk although it is not waiting for one: a socket
   * writer between two writes, whose write is synchronous (see direct-write.ts). The outbox then
   * hands it each full chunk at once, so a long burst never piles up in memory.
   */
  readonly takesWhileBusy?: boolean
  /**
   * The most pieces (events) one chunk joins, where fewer than 32 KiB should already go out: a
   * socket writer's chunks, so a burst of small events never piles up (see direct-write.ts).
   */
  readonly chunkPieces?: number
  /** Ends the output once everything taken is out; may throw if it ended already. */
  close(): void
}
