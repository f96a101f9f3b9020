/**
 * The demo app every runtime serves: the `/sse` ticker and its live page at `/`, `/stats`, the
 * ticker relayed through `@ssekit/client` at `/relay`, and a live feed: `GET /events` to follow it, `POST /events` to publish, `POST /events/drop` to close
 * one stream by its drop token, and a chat page at `/feed`.
 *
 * @module
 */
export type { VerifyToken } from './bearer-token.ts'
export { type ClientAddress, ClientStreams, type ClientStreamsOptions } from './client-streams.ts'
export { type AppOptions, createApp } from './create-app.ts'
export { DROP_TOKEN_EVENT, DROP_TOKEN_HEADER } from './drop-tokens.ts'
export {
  type FeedEvents,
  type FeedMessage,
  MAX_FEED_BODY_BYTES,
  MAX_FROM_CHARACTERS,
  MAX_TEXT_CHARACTERS,
} from './feed-message.ts'
export { type Generations, localGenerations } from './generations.ts'
export {
  type DrainSettings,
  drainSettingsFromEnv,
  gracefulShutdown,
  type ShutdownSteps,
} from './graceful-shutdown.ts'
export { DEFAULT_INTERVAL_MS, MAX_INTERVAL_MS, MIN_INTERVAL_MS } from './interval.ts'
export {
  DEFAULT_GENERATION,
  type GenerationRequest,
  generationText,
  mockGeneration,
} from './mock-generation.ts'
export { openStream, STREAM_CAP_RETRY_AFTER_SECONDS } from './open-stream.ts'
export type { AppDeps, RouteModule } from './route-module.ts'
export {
  DEFAULT_MAX_STREAMS_PER_CLIENT,
  type StreamCapOptions,
  streamCapFromEnv,
} from './stream-cap.ts'
export { type StatsSnapshot, StreamStats } from './stream-stats.ts'
