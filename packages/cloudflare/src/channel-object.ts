import { DurableObject } from 'cloudflare:workers'
import { EventLog, type HistoryLimits, type LoggedBatch } from './event-log.ts'
import { checkHistory, DEFAULT_HISTORY } from './history-limits.ts'
import { followersOf, isStringArray, parseTopics, socketTags } from './socket-tags.ts'
import { encodeLive, LATEST_ID_HEADER, TOPICS_HEADER } from './wire.ts'

// The frame the Worker encoded must not carry an ID: this object issues them.
const ID_FIELD = /(?:^|\n)id:/
// A W3C traceparent is 55 characters; room for a later version's, no more.
const MAX_TRACE = 256

/**
 * The Durable Object behind one channel: bind it, and `createDurableChannel()` publishes and
 * subscribes through it. It appends each event to SQLite under the next number of a counter
 * that survives eviction and restarts, trims by count and age as it appends, and sends the
 * event to every Worker holding a subscriber, over hibernatable WebSockets. It sets no alarm
 * and no timer, so between events it hibernates and is not billed for duration.
 *
 * Subclass it to change how much history it keeps ({@link HistoryLimits}).
 *
 * @example Export it from the Worker, bind it in wrangler.jsonc (`new_sqlite_classes`)
 * ```ts
 * // src/index.ts: `export { SSEChannelObject } from '@ssekit/cloudflare'`, and in the handler:
 * import { createDurableChannel, type SSEChannelObject } from '@ssekit/cloudflare'
 * const env = {} as { CHANNELS: DurableObjectNamespace<SSEChannelObject> }
 * return createDurableChannel(env.CHANNELS, 'room-1').subscribe(request)
 * ```
 * @see https://developers.cloudflare.com/durable-objects/best-practices/websockets/
 */
export class SSEChannelObject extends DurableObject {
  /** How much history to keep: override in a subclass. @defaultValue 1000 events, 24 hours */
  protected readonly history: HistoryLimits = DEFAULT_HISTORY
  readonly #log: EventLog

  /**
   * @param ctx The object's state: its SQLite storage and WebSockets.
   * @param env The Worker's bindings.
   */
  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env)
    this.#log = new EventLog(ctx.storage)
  }

  /**
   * Accepts a Worker's WebSocket for one subscriber (what `createDurableChannel().subscribe` opens).
   * The newest ID goes back in a header, read in the same turn as the accept: every later event
   * reaches the socket, every earlier one is in SQLite.
   *
   * @param request A WebSocket upgrade with the topics in `x-ssekit-topics`.
   * @returns `101` with the socket, or `426`/`400` for anything else.
   */
  override fetch(request: Request): Response {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade', { status: 426 })
    }
    const topics = parseTopics(request.headers.get(TOPICS_HEADER))
    if (topics === undefined) {
      return new Response(
        `Cannot subscribe: \`${TOPICS_HEADER}\` must be a JSON array of strings`,
        {
          status: 400,
        },
      )
    }
    const { 0: client, 1: server } = new WebSocketPair()
    this.ctx.acceptWebSocket(server, socketTags(topics))
    const headers = new Headers()
    const latest = this.#log.latestId
    if (latest !== undefined) headers.set(LATEST_ID_HEADER, latest)
    return new Response(null, { status: 101, webSocket: client, headers })
  }

  /**
   * Stores an encoded event under the next ID, trims the history, and sends it to every
   * subscriber of its topic. Call it through `createDurableChannel().publish`, which encodes.
   *
   * @param frame The event's wire text from `encode()`, without an `id`.
   * @param topic Its topic.
   * @param trace The publish's W3C `traceparent`, stored and broadcast with the event so that
   *   its delivery in every Worker joins the publish's trace.
   * @returns The event's ID, once stored: RPC answers only after the write is durable.
   * @throws {TypeError} `frame` or `topic` is not a string, or `frame` has an `id` field.
   * @throws {SyntaxError} `frame` does not end with the blank line that dispatches an event.
   */
  append(frame: string, topic: string, trace?: string): string {
    if (typeof frame !== 'string' || typeof topic !== 'string') {
      throw new TypeError('Cannot append: `frame` and `topic` must be strings')
    }
    if (trace !== undefined && (typeof trace !== 'string' || trace.length > MAX_TRACE)) {
      throw new TypeError('Cannot append: `trace` must be a traceparent string')
    }
    if (!frame.endsWith('\n\n')) {
      throw new SyntaxError(
        'Cannot append: `frame` must be one encoded event ending in a blank line',
      )
    }
    if (ID_FIELD.test(frame))
      throw new TypeError('Cannot append: `frame` cannot have an `id` field')
    const event = this.#log.append(topic, frame, checkHistory(this.history), Date.now(), trace)
    const message = encodeLive(event)
    for (const socket of followersOf(this.ctx, topic)) {
      try {
        socket.send(message)
      } catch {
        // A socket that is closing: its Worker has already ended that stream.
      }
    }
    return event.id
  }

  /**
   * The stored events after `lastEventId` on `topics`, oldest first; `complete: false` when
   * that ID expired or was never issued (the subscriber then gets the gap event).
   *
   * @param lastEventId The client's `Last-Event-ID`.
   * @param topics The topics it follows.
   * @returns The events as wire text, and whether nothing after the ID is missing.
   */
  readAfter(lastEventId: string, topics: string[]): LoggedBatch {
    if (typeof lastEventId !== 'string' || !isStringArray(topics)) {
      throw new TypeError('Cannot read: `lastEventId` must be a string and `topics` strings')
    }
    return this.#log.readAfter(lastEventId, topics, checkHistory(this.history), Date.now())
  }

  /**
   * How many subscribers, across every Worker, are linked to this channel now.
   * @returns The number of open WebSockets.
   */
  connections(): number {
    return this.ctx.getWebSockets().length
  }

  /** Subscribers send nothing; a message means a confused peer, which is closed. */
  override webSocketMessage(socket: WebSocket): void {
    socket.close(1003, 'This socket only receives')
  }

  /** The Worker closed the socket (its client left): finish the close handshake. */
  override webSocketClose(socket: WebSocket): void {
    try {
      socket.close()
    } catch {
      // Already closed from this side too.
    }
  }

  /** The socket failed; the runtime drops it, and its Worker ends that stream. */
  override webSocketError(): void {}
}
