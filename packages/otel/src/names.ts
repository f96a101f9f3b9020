/**
 * The names ssekit's metrics, spans and attributes go by, in OpenTelemetry's style (dot-separated,
 * `ssekit.` first). `@opentelemetry/exporter-prometheus` writes each metric with `_` for `.`,
 * and counters with `_total`: `ssekit.events.sent` is `ssekit_events_sent_total`.
 *
 * @example Find a metric by name in a collection
 * ```ts
 * import { SSEKIT_METRICS } from '@ssekit/otel'
 * return new Response(SSEKIT_METRICS.streamsOpen)
 * ```
 */
export const SSEKIT_METRICS = {
  /** UpDownCounter, `{stream}`: event streams open now. */
  streamsOpen: 'ssekit.streams.open',
  /** Counter, `{stream}`: event streams opened. */
  streamsOpened: 'ssekit.streams.opened',
  /** Counter, `{stream}`, by `ssekit.close.reason`: event streams closed. */
  streamsClosed: 'ssekit.streams.closed',
  /** Counter, `{event}`: events queued for clients (sends, deliveries, replays). */
  eventsSent: 'ssekit.events.sent',
  /** Counter, `By`: bytes handed to clients' connections. */
  bytesSent: 'ssekit.bytes.sent',
  /** Counter, `{heartbeat}`: keep-alive comments sent to quiet streams. */
  heartbeatsSent: 'ssekit.heartbeats.sent',
  /** Counter, `{subscriber}`, by `ssekit.backend`: subscribers closed for falling behind. */
  slowConsumerDisconnects: 'ssekit.slow_consumer.disconnects',
  /** Counter, `{write}`, by `ssekit.backend`: writes dropped for subscribers behind. */
  slowConsumerDropped: 'ssekit.slow_consumer.dropped',
  /** Counter, `{event}`, by `ssekit.backend`: events that reached this process's fan-out. */
  eventsDelivered: 'ssekit.events.delivered',
  /** Counter, `{replay}`, by `ssekit.backend` and `ssekit.replay.outcome`. */
  replays: 'ssekit.replays',
  /** Counter, `{event}`, by `ssekit.backend`: gap events sent (the replay was incomplete). */
  gapEvents: 'ssekit.replay.gaps',
  /** Histogram, `s`, by `ssekit.backend` (and `error.type` on failure): `publish()` time. */
  publishDuration: 'ssekit.publish.duration',
  /** Counter, `{error}`, by `ssekit.backend` and `error.type`: backend failures. */
  backendErrors: 'ssekit.backend.errors',
} as const

/**
 * The names of ssekit's spans.
 *
 * @example
 * ```ts
 * import { SSEKIT_SPANS } from '@ssekit/otel'
 * return new Response(SSEKIT_SPANS.publish)
 * ```
 */
export const SSEKIT_SPANS = {
  /** PRODUCER: one `publish()`, on every backend. */
  publish: 'ssekit.publish',
  /** CONSUMER: one event reaching a process's fan-out; child of its publish's span. */
  deliver: 'ssekit.deliver',
  /** INTERNAL: one resuming subscriber's replay. */
  replay: 'ssekit.replay',
} as const

/**
 * The attributes ssekit sets, besides OpenTelemetry's own messaging ones (`messaging.system`
 * is `ssekit`, `messaging.destination.name` the topic, `messaging.message.id` the event's ID,
 * `messaging.operation.type` `send` or `process`) and `error.type`.
 *
 * @example
 * ```ts
 * import { SSEKIT_ATTRIBUTES } from '@ssekit/otel'
 * return new Response(SSEKIT_ATTRIBUTES.backend)
 * ```
 */
export const SSEKIT_ATTRIBUTES = {
  /** The channel backend: `memory`, `redis`, `durable-object`. */
  backend: 'ssekit.backend',
  /** Why a stream closed: `client`, `producer`, `error`, `server`, `expired`. */
  closeReason: 'ssekit.close.reason',
  /** A replay's outcome: `complete`, `gap` (the client got the gap event), `failed`. */
  replayOutcome: 'ssekit.replay.outcome',
  /** Events a replay sent. */
  replayEvents: 'ssekit.replay.events',
  /** Subscribers in this process that an event was delivered to. */
  subscribers: 'ssekit.subscribers',
} as const
