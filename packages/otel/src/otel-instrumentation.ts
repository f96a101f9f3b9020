import {
  type Attributes,
  type Counter,
  context,
  type Histogram,
  type Meter,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api'
import type { CloseReason } from '@ssekit/core'
import type {
  DeliveredEvent,
  Instrumentation,
  PublishScope,
  ReplayScope,
} from '@ssekit/core/backend'
import { SSEKIT_ATTRIBUTES as A, SSEKIT_METRICS as M, SSEKIT_SPANS as S } from './names.ts'
import { StreamTotals } from './stream-metrics.ts'
import { formatTraceparent, parseTraceparent } from './traceparent.ts'

const MESSAGING = { 'messaging.system': 'ssekit' } as const

/** ssekit's {@link Instrumentation} on an OpenTelemetry meter and tracer. */
export class OtelInstrumentation implements Instrumentation {
  readonly totals: StreamTotals = new StreamTotals()
  readonly #tracer: Tracer
  readonly #disconnects: Counter
  readonly #dropped: Counter
  readonly #delivered: Counter
  readonly #replays: Counter
  readonly #gaps: Counter
  readonly #errors: Counter
  readonly #publishDuration: Histogram
  readonly #unobserve: () => void

  constructor(meter: Meter, tracer: Tracer) {
    this.#tracer = tracer
    this.#unobserve = this.totals.observe(meter)
    const counter = (name: string, description: string, unit: string) =>
      meter.createCounter(name, { description, unit })
    this.#disconnects = counter(
      M.slowConsumerDisconnects,
      'Subscribers closed for falling behind',
      '{subscriber}',
    )
    this.#dropped = counter(M.slowConsumerDropped, 'Writes dropped for slow subscribers', '{write}')
    this.#delivered = counter(
      M.eventsDelivered,
      "Events that reached this process's fan-out",
      '{event}',
    )
    this.#replays = counter(M.replays, 'Replays for resuming subscribers, by outcome', '{replay}')
    this.#gaps = counter(
      M.gapEvents,
      'Gap events sent: replays that could not be complete',
      '{event}',
    )
    this.#errors = counter(M.backendErrors, 'Channel backend failures, by type', '{error}')
    // At 0 from the start, so a scrape finds them before the first one happens.
    for (const zero of [
      this.#disconnects,
      this.#dropped,
      this.#replays,
      this.#gaps,
      this.#errors,
    ]) {
      zero.add(0)
    }
    this.#publishDuration = meter.createHistogram(M.publishDuration, {
      description: 'Time a channel publish took, until stored',
      unit: 's',
      advice: {
        explicitBucketBoundaries: [
          0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
        ],
      },
    })
  }

  /** Stops reporting the stream counts. */
  close(): void {
    this.#unobserve()
  }

  streamOpened(): void {
    this.totals.opened++
  }

  streamClosed(reason: CloseReason): void {
    this.totals.closed[reason]++
  }

  eventsSent(count: number): void {
    this.totals.events += count
  }

  bytesSent(bytes: number): void {
    this.totals.bytes += bytes
  }

  heartbeatSent(): void {
    this.totals.heartbeats++
  }

  slowConsumerDisconnected(backend: string): void {
    this.#disconnects.add(1, { [A.backend]: backend })
  }

  slowConsumerDropped(backend: string, count: number): void {
    this.#dropped.add(count, { [A.backend]: backend })
  }

  publishStarted(backend: string, topic: string): PublishScope {
    const began = performance.now()
    const span = this.#tracer.startSpan(S.publish, {
      kind: SpanKind.PRODUCER,
      attributes: {
        ...MESSAGING,
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        [A.backend]: backend,
      },
    })
    let ended = false
    return {
      traceparent: formatTraceparent(span.spanContext()),
      end: ({ id, error }) => {
        if (ended) return
        ended = true
        const attributes: Attributes = { [A.backend]: backend }
        if (error !== undefined) {
          attributes['error.type'] = errorType(error)
          span.setAttribute('error.type', errorType(error))
          span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) })
        } else if (id !== undefined) span.setAttribute('messaging.message.id', id)
        this.#publishDuration.record((performance.now() - began) / 1000, attributes)
        span.end()
      },
    }
  }

  delivered(backend: string, event: DeliveredEvent, followers: number): void {
    this.#delivered.add(1, { [A.backend]: backend })
    // Only a traced publish gets a delivery span: an untraced one would make a root span per event.
    const parent = parseTraceparent(event.traceparent)
    if (parent === undefined) return
    const span = this.#tracer.startSpan(
      S.deliver,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          ...MESSAGING,
          'messaging.operation.type': 'process',
          'messaging.destination.name': event.topic,
          'messaging.message.id': event.id,
          [A.backend]: backend,
          [A.subscribers]: followers,
        },
      },
      trace.setSpanContext(context.active(), parent),
    )
    span.end()
  }

  replayStarted(backend: string): ReplayScope {
    const span = this.#tracer.startSpan(S.replay, { attributes: { [A.backend]: backend } })
    let ended = false
    return {
      end: ({ events = 0, complete, error }) => {
        if (ended) return
        ended = true
        const outcome = error !== undefined ? 'failed' : complete === false ? 'gap' : 'complete'
        this.#replays.add(1, { [A.backend]: backend, [A.replayOutcome]: outcome })
        if (outcome === 'gap') this.#gaps.add(1, { [A.backend]: backend })
        span.setAttributes({ [A.replayOutcome]: outcome, [A.replayEvents]: events })
        if (error !== undefined) {
          span.setAttribute('error.type', errorType(error))
          span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) })
        }
        span.end()
      },
    }
  }

  backendError(backend: string, type: string): void {
    this.#errors.add(1, { [A.backend]: backend, 'error.type': type })
  }
}

// OpenTelemetry's `error.type`: the error's class name, a low-cardinality value.
function errorType(error: unknown): string {
  return error instanceof Error ? error.name : '_OTHER'
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
