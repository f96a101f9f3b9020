import { type MeterProvider, metrics, type TracerProvider, trace } from '@opentelemetry/api'
import { setInstrumentation } from '@ssekit/core/backend'
import { OtelInstrumentation } from './otel-instrumentation.ts'

/** The instrumentation scope ssekit's meter and tracer are named by. */
const SCOPE = '@ssekit/otel'

/**
 * Options for {@link instrumentSsekit}.
 *
 * @example Providers of your own, not the global ones
 * ```ts
 * import { metrics, trace } from '@opentelemetry/api'
 * import { instrumentSsekit, type SsekitOtelOptions } from '@ssekit/otel'
 * const options: SsekitOtelOptions = {
 *   meterProvider: metrics.getMeterProvider(),
 *   tracerProvider: trace.getTracerProvider(),
 * }
 * const telemetry = instrumentSsekit(options)
 * telemetry.close()
 * return new Response('ok')
 * ```
 */
export interface SsekitOtelOptions {
  /**
   * Where the metrics go.
   * @defaultValue the global one, `metrics.getMeterProvider()`
   */
  meterProvider?: MeterProvider | undefined
  /**
   * Where the spans go.
   * @defaultValue the global one, `trace.getTracerProvider()`
   */
  tracerProvider?: TracerProvider | undefined
}

/**
 * What {@link instrumentSsekit} turned on.
 *
 * @example Turn it off again
 * ```ts
 * import { instrumentSsekit, type SsekitTelemetry } from '@ssekit/otel'
 * const telemetry: SsekitTelemetry = instrumentSsekit()
 * telemetry.close()
 * return new Response('ok')
 * ```
 */
export interface SsekitTelemetry {
  /** Stops reporting: ssekit's paths cost nothing again, and its observable metrics go quiet. */
  close(): void
}

/**
 * Reports every ssekit stream and channel of this process to OpenTelemetry: open and opened
 * streams, events and bytes sent, heartbeats, slow consumers, replays and gap events, publish
 * duration and backend errors as metrics; a span per publish (on every backend), per replay, and
 * per event delivered in each process, joined to its publish's trace where the backend stores
 * the trace context (Redis, Durable Objects and memory do). One instrumentation at a time: a
 * second call replaces the first.
 *
 * @param options The meter and tracer providers; the global ones by default.
 * @returns The handle that turns it off.
 *
 * @example With the SDK's Prometheus exporter
 * ```ts
 * import { PrometheusExporter } from '@opentelemetry/exporter-prometheus'
 * import { MeterProvider } from '@opentelemetry/sdk-metrics'
 * import { instrumentSsekit } from '@ssekit/otel'
 * const exporter = new PrometheusExporter({ preventServerStart: true })
 * const telemetry = instrumentSsekit({ meterProvider: new MeterProvider({ readers: [exporter] }) })
 * telemetry.close()
 * return new Response('ok')
 * ```
 * @see https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/
 */
export function instrumentSsekit(options: SsekitOtelOptions = {}): SsekitTelemetry {
  const meterProvider = options.meterProvider ?? metrics.getMeterProvider()
  const tracerProvider = options.tracerProvider ?? trace.getTracerProvider()
  const instrumentation = new OtelInstrumentation(
    meterProvider.getMeter(SCOPE),
    tracerProvider.getTracer(SCOPE),
  )
  const previous = setInstrumentation(instrumentation)
  if (previous instanceof OtelInstrumentation) previous.close()
  let closed = false
  return {
    close() {
      if (closed) return
      closed = true
      instrumentation.close()
      // Only if it is still ours: a later call may have replaced it.
      const current = setInstrumentation(undefined)
      if (current !== instrumentation) setInstrumentation(current)
    },
  }
}
