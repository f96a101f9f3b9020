import type { CloseReason } from '../types.ts'

/**
 * An event as a channel's backend delivers it in this process: enough to name it in a trace.
 *
 * @example What a backend hands to {@link Instrumentation.delivered}
 * ```ts
 * import type { DeliveredEvent } from '@ssekit/core/backend'
 * const event: DeliveredEvent = { id: '1764067200000-0', topic: 'default', traceparent: undefined }
 * return new Response(event.id)
 * ```
 */
export interface DeliveredEvent {
  readonly id: string
  readonly topic: string
  /** The W3C `traceparent` of the publish that made it, when its backend carried one. */
  readonly traceparent?: string | undefined
}

/**
 * One publish under way, as {@link Instrumentation.publishStarted} opens it.
 *
 * @example A scope that records nothing
 * ```ts
 * import type { PublishScope } from '@ssekit/core/backend'
 * const scope: PublishScope = { traceparent: undefined, end: () => {} }
 * scope.end({ id: '1' })
 * return new Response(String(scope.traceparent))
 * ```
 */
export interface PublishScope {
  /**
   * The W3C `traceparent` to store with the event, so that its delivery on every instance joins
   * the publish's trace; `undefined` when the publish is not traced.
   */
  readonly traceparent: string | undefined
  /** Ends the publish: with the event's ID, or with the error it failed with. */
  end(outcome: { id?: string | undefined; error?: unknown }): void
}

/**
 * One replay under way, as {@link Instrumentation.replayStarted} opens it.
 *
 * @example A scope that records nothing
 * ```ts
 * import type { ReplayScope } from '@ssekit/core/backend'
 * const scope: ReplayScope = { end: () => {} }
 * scope.end({ events: 3, complete: true })
 * return new Response('ok')
 * ```
 */
export interface ReplayScope {
  /**
   * Ends the replay: how many events it sent and whether it was `complete` (false: the client
   * got the gap event), or the `error` that kept it from being read.
   */
  end(outcome: { events?: number; complete?: boolean; error?: unknown }): void
}

/**
 * What ssekit tells a metrics and tracing implementation (`@ssekit/otel` is one) about the
 * streams and channels of this process. Streams call the first five on their paths, so each is
 * a plain, cheap call: count in a number and report it when metrics are collected. Channel
 * backends name themselves in `backend`: `'memory'`, `'redis'`, `'durable-object'`.
 *
 * @example Count open streams by hand
 * ```ts
 * import { type Instrumentation, setInstrumentation } from '@ssekit/core/backend'
 * let open = 0
 * const none = { end() {} }
 * const counting: Instrumentation = {
 *   streamOpened: () => void open++,
 *   streamClosed: () => void open--,
 *   eventsSent() {}, bytesSent() {}, heartbeatSent() {},
 *   slowConsumerDisconnected() {}, slowConsumerDropped() {},
 *   publishStarted: () => ({ traceparent: undefined, end() {} }),
 *   delivered() {}, replayStarted: () => none, backendError() {},
 * }
 * setInstrumentation(counting)
 * return new Response(String(open))
 * ```
 */
export interface Instrumentation {
  /** A client's event stream opened. */
  streamOpened(): void
  /** That stream closed, once, and why. */
  streamClosed(reason: CloseReason): void
  /** `count` events were queued for clients: a producer's `send()`, a channel's delivery or replay. */
  eventsSent(count: number): void
  /** `bytes` went to a client's connection (what was queued and then dropped never does). */
  bytesSent(bytes: number): void
  /** A quiet stream got a keep-alive comment. */
  heartbeatSent(): void
  /** A channel's `'disconnect'` policy closed a subscriber that fell behind. */
  slowConsumerDisconnected(backend: string): void
  /** A channel's `'drop-oldest'` policy dropped `count` writes of a subscriber that fell behind. */
  slowConsumerDropped(backend: string, count: number): void
  /** A `publish()` began on a channel's `backend`, to `topic`. */
  publishStarted(backend: string, topic: string): PublishScope
  /** An event reached this process's fan-out, for `followers` subscribers here. */
  delivered(backend: string, event: DeliveredEvent, followers: number): void
  /** A resuming subscriber's replay began. */
  replayStarted(backend: string): ReplayScope
  /**
   * A backend failed in a way its clients will notice (a lost connection, a failed call, an
   * outage too long): `type` names it, e.g. `'publish'`, `'read'`, `'outage'`.
   */
  backendError(backend: string, type: string): void
}
