import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus'
import { MeterProvider } from '@opentelemetry/sdk-metrics'
import { instrumentSsekit } from '@ssekit/otel'

/** What `GET /metrics` serves, and how to stop measuring. */
export interface PrometheusMetrics {
  /** The Prometheus text exposition of every metric now. */
  respond(): Promise<Response>
  /** Stops measuring. */
  close(): Promise<void>
}

/**
 * ssekit's metrics for this process in the Prometheus text format: `@ssekit/otel` on an
 * OpenTelemetry `MeterProvider` read by `@opentelemetry/exporter-prometheus`, whose own HTTP
 * server is never started, so the app serves the text on its own route and port. Counters end in
 * `_total`; `ssekit_streams_open` is a gauge. Loaded only by the runtimes that serve it (Node,
 * Bun, Deno), as its own entry, so a Worker never bundles the SDK.
 *
 * @returns The route's answer and a `close()`.
 *
 * @example Node's entry
 * ```ts
 * import { createApp } from '@ssekit/app'
 * import { prometheusMetrics } from '@ssekit/app/metrics'
 * const metrics = prometheusMetrics()
 * export default createApp({ metrics: () => metrics.respond() })
 * ```
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/
 */
export function prometheusMetrics(): PrometheusMetrics {
  // The scope label would be the same on every ssekit metric: left out, names alone identify them.
  const exporter = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true })
  const serializer = new PrometheusSerializer(undefined, false, undefined, false, true)
  const meterProvider = new MeterProvider({ readers: [exporter] })
  const telemetry = instrumentSsekit({ meterProvider })
  return {
    async respond() {
      const { resourceMetrics, errors } = await exporter.collect()
      if (errors.length > 0) console.error('ssekit app: metrics collection failed', ...errors)
      return new Response(serializer.serialize(resourceMetrics), {
        headers: {
          'content-type': 'text/plain; version=0.0.4; charset=utf-8',
          'cache-control': 'no-store',
        },
      })
    },
    async close() {
      telemetry.close()
      await meterProvider.shutdown()
    },
  }
}
