import { encode } from '@ssekit/core'
import {
  Connection,
  checkHeartbeat,
  checkRetryOption,
  instrumentation,
  refuseWhileDraining,
  requestedLastEventId,
  sseHeaders,
  sseResponseInit,
} from '@ssekit/core/backend'
import type { SubscribeOptions, SubscriberDefaults } from './options.ts'
import { type ReplaySource, startReplay } from './replay.ts'
import type { StoredEvent } from './stores/replay-store.ts'
import { Subscriber, type SubscriberHooks } from './subscriber.ts'
import { subscriberSettings } from './subscriber-settings.ts'

const encoder = new TextEncoder()

/**
 * Options for a {@link FanOut}: the subscriber defaults, and how its backend's IDs are ordered.
 *
 * @example A fan-out for Redis Stream IDs
 * ```ts
 * import { compareTimeOrderedIds, FanOut, type FanOutOptions } from '@ssekit/channel/backend'
 * const options: FanOutOptions = { compareIds: compareTimeOrderedIds, heartbeat: 10_000 }
 * const fanOut = new FanOut({ readAfter: () => ({ events: [], complete: false }), latestId: () => undefined }, options)
 * return fanOut.subscribe(request)
 * ```
 */
export interface FanOutOptions extends SubscriberDefaults {
  /**
   * Orders two event IDs (negative, zero, positive). Give it when the live feed can lag behind a
   * replay, as a Redis reader can: each subscriber then sends only events newer than the last it
   * sent, so nothing arrives twice. Without it, duplicates are found by ID within one replay.
   * @defaultValue none
   */
  compareIds?: ((a: string, b: string) => number) | undefined
  /**
   * What a subscriber gets when its replay cannot be read (the source threw or rejected):
   * `'gap'` sends the gap event and goes live, so the client knows it may have missed events;
   * `{ retry }` ends its stream with that `retry:` hint, so it reconnects later with the same
   * `Last-Event-ID` and misses nothing: for a backend whose log is only out of reach for now.
   * @defaultValue `'gap'`
   */
  replayFailure?: 'gap' | { retry: number } | undefined
  /**
   * The backend's name in metrics and traces (`ssekit.backend`): `'memory'`, `'redis'`,
   * `'durable-object'`, or your own.
   * @defaultValue `'memory'`
   */
  backend?: string | undefined
}

/**
 * The clients of one channel in this process or isolate: it opens their streams, replays what a
 * resuming client missed, and hands each delivered event to every follower of its topic without
 * waiting for any. The in-memory channel is a `FanOut` over its replay store; a backend whose log
 * and live feed live elsewhere (Redis Streams, a Durable Object) feeds one the same way:
 * `deliver()` each event in the log's order, and answer replays from the log.
 *
 * @example Deliver events that arrive from elsewhere
 * ```ts
 * import { FanOut } from '@ssekit/channel/backend'
 * const fanOut = new FanOut({ readAfter: () => ({ events: [], complete: false }), latestId: () => undefined })
 * const bytes = new TextEncoder().encode('id: 1\ndata: hi\n\n')
 * fanOut.deliver({ id: '1', topic: 'default', bytes })
 * return fanOut.subscribe(request)
 * ```
 */
export class FanOut {
  readonly #source: ReplaySource
  readonly #options: FanOutOptions
  readonly #subscribers = new Set<Subscriber>()
  readonly #followers = new Map<string, Set<Subscriber>>()
  readonly #stats = { slowDisconnects: 0, dropped: 0 }
  readonly #backend: string
  readonly #hooks: SubscriberHooks = {
    dropped: (count) => {
      this.#stats.dropped += count
      instrumentation()?.slowConsumerDropped(this.#backend, count)
    },
    disconnected: () => {
      this.#stats.slowDisconnects++
      instrumentation()?.slowConsumerDisconnected(this.#backend)
    },
  }
  #closed = false

  /**
   * @param source Where replays are read.
   * @param options Subscriber defaults and the ID order.
   */
  constructor(source: ReplaySource, options: FanOutOptions = {}) {
    // Bad defaults throw here, to whoever made the channel, not on every later subscribe.
    subscriberSettings({}, options, 'create the channel')
    if (options.retry !== undefined) checkRetryOption(options.retry, 'create the channel')
    if (options.heartbeat !== undefined) checkHeartbeat(options.heartbeat, 'create the channel')
    const failure = options.replayFailure
    if (failure !== undefined && failure !== 'gap') {
      if (typeof failure !== 'object' || failure === null) {
        throw new TypeError(
          "Cannot create the channel: option `replayFailure` must be 'gap' or { retry }",
        )
      }
      checkRetryOption(failure.retry, 'create the channel', 'replayFailure.retry')
    }
    this.#source = source
    this.#options = options
    this.#backend = options.backend ?? 'memory'
  }

  /** How many subscribers are connected now. */
  get size(): number {
    return this.#subscribers.size
  }

  /** Bytes waiting for slow clients, summed over subscribers. */
  get buffered(): number {
    let bytes = 0
    for (const subscriber of this.#subscribers) bytes += subscriber.buffered
    return bytes
  }

  /** Whether {@link FanOut.close} was called. */
  get closed(): boolean {
    return this.#closed
  }

  /** Subscribers closed by the `'disconnect'` policy, and writes dropped by `'drop-oldest'`. */
  get stats(): { readonly slowDisconnects: number; readonly dropped: number } {
    return { ...this.#stats }
  }

  /**
   * Opens a client's event stream, as `Channel.subscribe` does: a replay after its
   * `Last-Event-ID`, or an `id:` anchor at the latest event, then live events. `HEAD` gets the
   * headers alone; after `close()`, `204 No Content`.
   *
   * @param request The client's request: its method, `signal` and `Last-Event-ID` are used.
   * @param options Topics, slow-consumer policy, heartbeat, headers, a first event, `onClose`.
   * @returns The streaming response.
   * @throws {RangeError | TypeError | SyntaxError} An option is invalid.
   */
  subscribe(request: Request, options: SubscribeOptions = {}): Response {
    if (this.#closed) {
      // No stream, but the hook's promise holds: it runs once, whatever the subscribe got.
      options.onClose?.('server')
      return new Response(null, { status: 204 })
    }
    // A draining process sends new subscribers elsewhere (503, Retry-After).
    const refused = refuseWhileDraining(options.headers)
    if (refused !== undefined) {
      options.onClose?.('server')
      return refused
    }
    const defaults = this.#options
    const settings = subscriberSettings(options, defaults)
    const { compress } = options
    const headers = sseHeaders(options.headers, compress)
    // A HEAD request gets the headers alone: nobody will read a body, so no subscriber is made.
    if (request.method === 'HEAD') {
      options.onClose?.('client')
      return new Response(null, sseResponseInit(headers, 200, compress))
    }
    // An ID we could never have issued (over the length cap, say) is unknown: it gets the gap event.
    const after = requestedLastEventId(request)
    let subscriber: Subscriber | undefined
    const connection = new Connection({
      signal: options.signal ?? request.signal,
      retry: options.retry ?? defaults.retry,
      heartbeat: options.heartbeat ?? defaults.heartbeat,
      highWaterMark: settings.pace,
      compress,
      expiresAt: options.expiresAt,
      checkCredentials: options.checkCredentials,
      onClose: (reason) => {
        if (subscriber !== undefined) this.#remove(subscriber)
        options.onClose?.(reason)
      },
    })
    const response = new Response(connection.body, sseResponseInit(headers, 200, compress))
    // The client may have left already; then onClose has run and there is nothing to register.
    if (connection.closeReason !== undefined) return response
    subscriber = new Subscriber(
      connection,
      settings,
      this.#hooks,
      after !== undefined,
      defaults.compareIds,
    )
    this.#add(subscriber)
    if (settings.initialEvent !== undefined) subscriber.open(settings.initialEvent)
    if (after !== undefined) {
      startReplay(subscriber, this.#source, after, defaults.replayFailure ?? 'gap', this.#backend)
      return response
    }
    // An `id:` alone sets the client's last event ID without firing an event, so a client cut off
    // before its first event still resumes from here instead of starting over live.
    const latest = this.#source.latestId()
    if (latest !== undefined) subscriber.open(encoder.encode(encode({ id: latest })))
    return response
  }

  /**
   * Queues one event for every follower of its topic, without waiting for any. Call it in the
   * log's order: each subscriber receives events in the order they are delivered.
   *
   * @param event The event, encoded once: every subscriber shares its bytes.
   */
  deliver(event: StoredEvent): void {
    const followers = this.#followers.get(event.topic)
    const traced = instrumentation()
    if (traced !== undefined) traced.delivered(this.#backend, event, followers?.size ?? 0)
    if (followers !== undefined) for (const subscriber of followers) subscriber.deliver(event)
  }

  /**
   * Ends every current subscriber's stream after what is queued (`onClose` gets `'server'`), and
   * keeps taking new ones: for a backend that lost its live feed, so clients reconnect and replay.
   *
   * @param options `retry`: milliseconds a client should wait before it reconnects, sent as a
   *   last `retry:` line.
   * @throws {RangeError} `retry` is not a non-negative safe integer.
   */
  disconnectAll(options: { retry?: number | undefined } = {}): void {
    const { retry } = options
    if (retry !== undefined) checkRetryOption(retry, 'disconnect')
    for (const subscriber of [...this.#subscribers]) subscriber.close(retry)
  }

  /** Ends every subscriber's stream after what is queued; later subscribes get `204`. */
  close(): void {
    this.#closed = true
    this.disconnectAll()
  }

  #add(subscriber: Subscriber): void {
    this.#subscribers.add(subscriber)
    for (const topic of subscriber.topics) {
      const followers = this.#followers.get(topic)
      if (followers === undefined) this.#followers.set(topic, new Set([subscriber]))
      else followers.add(subscriber)
    }
  }

  #remove(subscriber: Subscriber): void {
    this.#subscribers.delete(subscriber)
    for (const topic of subscriber.topics) {
      const followers = this.#followers.get(topic)
      followers?.delete(subscriber)
      if (followers?.size === 0) this.#followers.delete(topic)
    }
    subscriber.dispose()
  }
}
