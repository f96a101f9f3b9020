/**
 * Where an outbox's chunks go: into the client's `ReadableStream` (the web-standard default), or
 * straight to a runtime's socket writer when an integration asked for it (see direct-write.ts).
 * Either way the outbox flushes only while the target is waiting for a chunk, and the target
 * tells it through `pull()` when it waits again.
 */
export interface ChunkTarget {
  /** Takes one chunk; the outbox then waits for its next `pull()`. Throws if the client is gone. */
  push(chunk: Uint8Array): void
  /** Ends the output once everything pushed is out. */
  close(): void
}

/** The web-standard target: the stream's controller; its reader's next `read()` pulls again. */
export function streamTarget(controller: ReadableStreamDefaultController<Uint8Array>): ChunkTarget {
  return {
    push: (chunk) => controller.enqueue(chunk),
    close() {
      try {
        controller.close()
      } catch {
        // Cancelled or errored already: nothing is left to close.
      }
    },
  }
}
