import type { SSECompressor } from '../compression.ts'
import type { ChunkTarget } from './chunk-target.ts'
import type { OutboxOwner } from './outbox.ts'

const RESOLVED = Promise.resolve()

/**
 * Compresses each chunk an outbox flushes (one per flush turn) before it reaches the real target,
 * so every event leaves the compressor, flushed, in the turn it was written. The outbox's flow is
 * unchanged: it still waits for the real target's next pull. A compressor that answers with
 * promises (Node's Brotli stream) is chained, so its outputs go out in order; its bytes in flight
 * are at most the one or two chunks the outbox let go before the reader's next pull.
 */
export class CompressingTarget implements ChunkTarget {
  readonly #target: ChunkTarget
  readonly #compressor: SSECompressor
  readonly #owner: OutboxOwner
  // Results still being computed, in order; `undefined` while everything went out.
  #chain: Promise<void> | undefined
  // No more input: the trailer was asked for, or the stream was abandoned.
  #done = false
  // Nothing more goes out at all.
  #abandoned = false

  constructor(target: ChunkTarget, compressor: SSECompressor, owner: OutboxOwner) {
    this.#target = target
    this.#compressor = compressor
    this.#owner = owner
  }

  /** Bytes only: the outbox encodes text for a target that does not say it takes text. */
  enqueue(chunk: Uint8Array | string): void {
    if (this.#done) return
    this.#send(this.#compressor.write(chunk as Uint8Array))
  }

  /** The stream ends: the compressor's trailer goes out, then the real target closes. */
  close(): void {
    if (this.#abandoned) {
      this.#closeTarget()
      return
    }
    if (this.#done) return
    this.#done = true
    let trailer: Uint8Array | Promise<Uint8Array>
    try {
      trailer = this.#compressor.end()
    } catch (error) {
      this.#fail(error)
      return
    }
    this.#send(trailer, true)
  }

  /** The client left: nothing more is compressed or sent, and the compressor frees its memory. */
  abandon(): void {
    if (this.#abandoned) return
    this.#done = true
    this.#abandoned = true
    this.#chain = undefined
    this.#compressor.destroy()
  }

  /** The stream was quiet for a heartbeat interval. */
  idle(): void {
    if (!this.#done) this.#compressor.idle?.()
  }

  #send(result: Uint8Array | Promise<Uint8Array>, last = false): void {
    if (this.#chain === undefined && !(result instanceof Promise)) {
      // The synchronous compressors' path: a throw here is the client gone (workerd), as the
      // outbox expects of any target.
      if (result.length > 0) this.#target.enqueue(result)
      if (last) this.#closeTarget()
      return
    }
    const chain: Promise<void> = (this.#chain ?? RESOLVED)
      .then(() => result)
      .then(
        (bytes) => {
          if (this.#abandoned) return
          if (this.#chain === chain) this.#chain = undefined
          try {
            if (bytes.length > 0) this.#target.enqueue(bytes)
          } catch {
            this.#owner.clientGone()
            return
          }
          if (last) this.#closeTarget()
        },
        (error: unknown) => this.#fail(error),
      )
    this.#chain = chain
  }

  #fail(error: unknown): void {
    if (this.#abandoned) return
    console.error('ssekit: the compressor failed', error)
    this.abandon()
    // The bytes sent so far cannot be continued: end the stream, so the client reconnects.
    this.#closeTarget()
    this.#owner.clientGone()
  }

  #closeTarget(): void {
    try {
      this.#target.close()
    } catch {
      // Cancelled already: the client is gone.
    }
  }
}
