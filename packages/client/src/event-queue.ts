import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser'
import type { ServerEvent } from './types.ts'

/**
 * The event an ssekit server ends a stream with when the client's credentials expired
 * (`EXPIRED_EVENT` of `@ssekit/core`, which this package does not load).
 * @internal
 */
export const EXPIRED_EVENT = 'ssekit-expired'

/**
 * Marks an item that is no event but an `id:`-only block: the ID in effect changed (a channel's
 * anchor). Queued in order with the events, and only when asked for (`markIds`).
 * @internal
 */
export const ID_MARKER: unique symbol = Symbol('ssekit id marker')

/** An `id:`-only block, in the queue's order. @internal */
export type IdMarker = ServerEvent & { readonly [ID_MARKER]: true }

/**
 * Bytes in, events out: one connection's decoder and eventsource-parser, and the events parsed
 * but not yet handed out. The last event ID and the retry delay outlive a connection, as the
 * spec's do.
 * @internal
 */
export class EventQueue {
  /** The spec's last event ID: set by every `id:` field that ends a block, kept across blocks. */
  lastEventId: string
  /** True once an event outgrew the bound; the parser then takes nothing more. */
  overflowed = false
  /**
   * The {@link EXPIRED_EVENT} that ended this connection, once it came; like an overflow, nothing
   * after it is taken.
   */
  expired: ServerEvent | undefined
  /** Whether a `retry:` came since the last event: the expired event's own `retry: 0`. */
  retrySinceEvent = false
  readonly #items: ServerEvent[] = []
  #head = 0
  #decoder = new TextDecoder()
  readonly #parser: EventSourceParser
  // With `markIds`: the ID of a block dispatched without an event so far.
  #idOnly: string | undefined

  /**
   * @param lastEventId The ID to start from.
   * @param maxEventSize The bound on a pending line plus a pending event's data, in characters.
   * @param onRetry Called with each valid `retry:` value.
   * @param markIds Queue an {@link IdMarker} for each `id:`-only block.
   */
  constructor(
    lastEventId: string,
    maxEventSize: number,
    onRetry: (ms: number) => void,
    markIds = false,
  ) {
    this.lastEventId = lastEventId
    this.#parser = createParser({
      maxBufferSize: maxEventSize,
      onId: (id) => {
        this.lastEventId = id
        if (!markIds) return
        // The parser calls onId, then onEvent for the same block if it has data.
        this.#markIdOnly()
        this.#idOnly = id
      },
      onEvent: (message) => {
        if (markIds && message.id === undefined) this.#markIdOnly()
        this.#idOnly = undefined
        // A whole event inside one large chunk skips the parser's buffer check.
        if (this.overflowed || this.expired !== undefined) return
        if (message.data.length > maxEventSize) this.overflowed = true
        else if (message.event === EXPIRED_EVENT) this.expired = toEvent(message, this.lastEventId)
        else this.#items.push(toEvent(message, this.lastEventId))
        if (this.expired === undefined) this.retrySinceEvent = false
      },
      onRetry: (ms) => {
        this.retrySinceEvent = true
        onRetry(ms)
      },
      onError: (error) => {
        // Other parse errors (unknown fields, bad retry values) are ignored, as the spec says.
        if (error.type === 'max-buffer-size-exceeded') this.overflowed = true
      },
      // No onComment: comment lines are then dropped unbuffered, however long.
    })
  }

  /** Events waiting to be handed out. */
  get size(): number {
    return this.#items.length - this.#head
  }

  /** Parses one chunk of bytes; split anywhere, even inside a character. */
  feed(bytes: Uint8Array): void {
    if (this.overflowed || this.expired !== undefined) return
    // Once over the bound, eventsource-parser refuses more input until reset.
    this.#parser.feed(this.#decoder.decode(bytes, { stream: true }))
    this.#markIdOnly()
  }

  /** The oldest waiting event. Call only while {@link size} is above zero. */
  take(): ServerEvent {
    const event = this.#items[this.#head++] as ServerEvent
    if (this.#head === this.#items.length) {
      this.#items.length = 0
      this.#head = 0
    }
    return event
  }

  #markIdOnly(): void {
    const id = this.#idOnly
    if (id === undefined) return
    this.#idOnly = undefined
    if (this.overflowed || this.expired !== undefined) return
    const marker: IdMarker = { event: 'message', data: '', id, [ID_MARKER]: true }
    this.#items.push(marker)
  }

  /** Starts a new connection: a fresh decoder (so a new BOM is stripped) and parser state. */
  reset(): void {
    this.#decoder = new TextDecoder()
    this.#parser.reset()
    // The decoder drops the stream's one BOM, as the spec's UTF-8 decode does. eventsource-parser
    // would drop a second U+FEFF, or text that reads like the BOM's bytes in Latin-1 (`ï»¿`),
    // where a browser sees the start of a field name. A blank line first, which dispatches
    // nothing on a fresh parser, ends its BOM check.
    this.#parser.feed('\n')
    this.overflowed = false
    this.expired = undefined
    this.#idOnly = undefined
    this.retrySinceEvent = false
  }
}

function toEvent(message: EventSourceMessage, id: string): ServerEvent {
  return { event: message.event ?? 'message', data: message.data, id }
}
