/**
 * OpenTelemetry metrics and traces for ssekit: {@link instrumentSsekit} reports every stream and
 * channel of the process through `@opentelemetry/api`. Without it, ssekit loads nothing of
 * OpenTelemetry and its streams pay nothing.
 *
 * @module
 */
export {
  instrumentSsekit,
  type SsekitOtelOptions,
  type SsekitTelemetry,
} from './instrument.ts'
export { SSEKIT_ATTRIBUTES, SSEKIT_METRICS, SSEKIT_SPANS } from './names.ts'
