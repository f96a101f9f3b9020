import { type SpanContext, TraceFlags, trace } from '@opentelemetry/api'

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/

/**
 * A span's context as a W3C `traceparent` (version 00), or `undefined` for an invalid one (a
 * tracer that records nothing). Written directly rather than through the global propagator, so
 * it works whatever propagators the application configured.
 */
export function formatTraceparent(context: SpanContext): string | undefined {
  if (!trace.isSpanContextValid(context)) return undefined
  const flags = (context.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0')
  return `00-${context.traceId}-${context.spanId}-${flags}`
}

/** The remote span context in a `traceparent`, or `undefined` if it is not one. */
export function parseTraceparent(value: string | undefined): SpanContext | undefined {
  if (value === undefined) return undefined
  const match = TRACEPARENT.exec(value)
  if (match === null) return undefined
  const context: SpanContext = {
    traceId: match[1] as string,
    spanId: match[2] as string,
    traceFlags: Number.parseInt(match[3] as string, 16),
    isRemote: true,
  }
  return trace.isSpanContextValid(context) ? context : undefined
}
