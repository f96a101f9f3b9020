/**
 * Where an outbox's chunks go: the client's `ReadableStream` controller itself (the web-standard
 * default, with no object of our own per stream), or a runtime's socket writer when an
 * integration asked for it (see direct-write.ts). Either way the outbox flushes only while the
 * target waits for a chunk, and the target says through the outbox's `pull()` when it waits again.
 */
export interface ChunkTarget {
  /** Takes one chunk; the outbox then waits for its next `pull()`. Throws if the client is gone. */
  enqueue(chunk: Uint8Array): void
  /** Ends the output once everything taken is out; may throw if it ended already. */
  close(): void
}
