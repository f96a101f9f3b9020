import type { EventMap, SSEMessage } from '@ssekit/core'
import type { PublishOptions, SubscribeOptions } from './options.ts'

/**
 * A message as a channel takes it: any {@link SSEMessage} but one with an `id`, which the channel
 * assigns, so that every ID is unique and clients resume from it on any backend.
 *
 * @example A typed chat message
 * ```ts
 * import type { ChannelMessage } from '@ssekit/channel'
 * type Events = { chat: { text: string } }
 * const message: ChannelMessage<Events> = { event: 'chat', data: { text: 'hi' } }
 * return new Response(message.event)
 * ```
 */
export type ChannelMessage<M extends EventMap = EventMap> = SSEMessage<M> & { id?: undefined }

/**
 * Counters of one channel object's work since it was made: in this process or isolate, whatever
 * the backend, so tests and metrics read them the same way everywhere.
 *
 * @example Count what a channel did
 * ```ts
 * import { type ChannelStats, createChannel } from '@ssekit/channel'
 * const channel = createChannel()
 * await channel.publish({ data: 'hello' })
 * const stats: ChannelStats = channel.stats
 * return new Response(`${stats.published} published, ${stats.slowDisconnects} slow`)
 * ```
 */
export interface ChannelStats {
  /** Events this channel object published: their `publish()` resolved. */
  readonly published: number
  /** Its subscribers closed by the `'disconnect'` slow-consumer policy. */
  readonly slowDisconnects: number
  /** Queued writes (events or keep-alives) dropped by the `'drop-oldest'` policy. */
  readonly dropped: number
}

/**
 * One event feed to many clients, with replay for clients that reconnect: the contract that the
 * in-memory channel ({@link createChannel}), `@ssekit/redis` and `@ssekit/cloudflare` all keep,
 * so a feed written against it moves between them by changing the line that makes it.
 *
 * @example A chat room, on any backend
 * ```ts
 * import { type Channel, createChannel } from '@ssekit/channel'
 * const room: Channel<{ chat: { from: string; text: string } }> = createChannel()
 * async function handle(request: Request): Promise<Response> {
 *   if (request.method === 'POST') {
 *     const id = await room.publish({ event: 'chat', data: { from: 'ada', text: 'hi' } })
 *     return new Response(id, { status: 201 })
 *   }
 *   return room.subscribe(request)
 * }
 * return handle(request)
 * ```
 */
export interface Channel<M extends EventMap = EventMap> {
  /**
   * Validates and encodes the message once, stores it under a new ID, and delivers it to every
   * follower of its topic (on every instance, for a shared backend) without waiting for any.
   *
   * @param message The event, without `id`: the channel assigns it.
   * @param options The topic.
   * @returns Resolves with the event's ID once it is stored.
   * @throws {SyntaxError | RangeError | TypeError} (as a rejection) The message cannot be encoded
   *   (see `encode`), has an `id`, or the topic is not a string: nothing is stored or sent.
   * @throws {ChannelUnavailableError} (as a rejection) The backend cannot be reached now: try
   *   again after its `retryAfter` seconds.
   * @throws {Error} (as a rejection) The channel is closed.
   */
  publish(message: ChannelMessage<M>, options?: PublishOptions): Promise<string>
  /**
   * Opens an event stream for a client. With a `Last-Event-ID` header (or `?lastEventId=`), it
   * first replays the stored events after that ID, then goes live with no gap and no repeat. If
   * the ID is unknown or expired, it sends a `GAP_EVENT` and then everything still stored.
   * Without one, it starts live, with an `id:` line holding the latest event's ID (no event
   * fires) so that a client cut off before its first event resumes from there. The subscriber
   * leaves when the client disconnects. A `HEAD` request gets the headers alone and no
   * subscriber. On a closed channel it resolves `204 No Content`, which tells an `EventSource`
   * to stop reconnecting.
   *
   * @param request The client's request: its method, `signal` and `Last-Event-ID` are used.
   * @param options Topics, slow-consumer policy, heartbeat, headers, a first event, `onClose`.
   * @returns Resolves with the streaming `text/event-stream` response.
   * @throws {RangeError | TypeError | SyntaxError} (as a rejection) An option is invalid.
   */
  subscribe(request: Request, options?: SubscribeOptions): Promise<Response>
  /** How many subscribers this channel object holds open now, in this process or isolate. */
  readonly size: number
  /**
   * Bytes waiting for its slow clients, summed over subscribers (each counts the events it
   * holds, though subscribers share one copy of each). Each holds at most its `maxBuffered`.
   */
  readonly buffered: number
  /** Whether {@link Channel.close} was called. */
  readonly closed: boolean
  /** What this channel object has done so far. */
  readonly stats: ChannelStats
  /**
   * Ends every subscriber's stream (`onClose` gets `'server'`), refuses new publishes, and
   * answers new subscribers `204`. What is stored stays, for a backend that keeps it.
   *
   * @returns Resolves once everything this channel object opened is closed.
   */
  close(): Promise<void>
}
