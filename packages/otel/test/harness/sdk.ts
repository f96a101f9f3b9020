import type { Attributes } from '@opentelemetry/api'
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus'
import { MeterProvider, type MetricData } from '@opentelemetry/sdk-metrics'
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace'
import { instrumentSsekit, type SsekitTelemetry } from '../../src/index.ts'

/**
 * The real OpenTelemetry SDK, kept in memory: a meter provider read by the Prometheus exporter
 * (which is a MetricReader; its server is never started) and a tracer provider that records
 * every ended span. ssekit is instrumented with both until `close()`.
 */
export class Sdk {
  readonly reader = new PrometheusExporter({ preventServerStart: true })
  readonly meterProvider = new MeterProvider({ readers: [this.reader] })
  readonly spans = new InMemorySpanExporter()
  readonly tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: this.spans })],
  })
  readonly telemetry: SsekitTelemetry = instrumentSsekit({
    meterProvider: this.meterProvider,
    tracerProvider: this.tracerProvider,
  })

  /** Every metric as collected now. */
  async metrics(): Promise<MetricData[]> {
    const { resourceMetrics } = await this.reader.collect()
    return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics)
  }

  /** The value of a counter or gauge's data point with these attributes (0 if none yet). */
  async value(name: string, attributes: Attributes = {}): Promise<number> {
    const point = (await this.points(name)).find((p) => sameAttributes(p.attributes, attributes))
    return typeof point?.value === 'number' ? point.value : 0
  }

  /** A histogram's count for these attributes. */
  async count(name: string, attributes: Attributes = {}): Promise<number> {
    const point = (await this.points(name)).find((p) => sameAttributes(p.attributes, attributes))
    const value = point?.value as { count?: number } | undefined
    return value?.count ?? 0
  }

  /** The Prometheus text exposition of everything collected now. */
  async prometheus(): Promise<string> {
    const { resourceMetrics } = await this.reader.collect()
    return new PrometheusSerializer().serialize(resourceMetrics)
  }

  /** Ended spans by name. */
  ended(name: string): ReadableSpan[] {
    return this.spans.getFinishedSpans().filter((span) => span.name === name)
  }

  async close(): Promise<void> {
    this.telemetry.close()
    await this.meterProvider.shutdown()
    await this.tracerProvider.shutdown()
  }

  async points(name: string) {
    const metric = (await this.metrics()).find((m) => m.descriptor.name === name)
    return metric?.dataPoints ?? []
  }
}

function sameAttributes(a: Attributes, b: Attributes): boolean {
  const keys = Object.keys(b)
  return Object.keys(a).length === keys.length && keys.every((key) => a[key] === b[key])
}
