/**
 * The demo app every runtime serves: the `/sse` ticker, `/stats` and a live page at `/`.
 *
 * @module
 */
export { type AppOptions, createApp } from './create-app.ts'
export type { FeedChannel, FeedEvents } from './feed-channel.ts'
export { DEFAULT_INTERVAL_MS, MAX_INTERVAL_MS, MIN_INTERVAL_MS } from './interval.ts'
export type { AppDeps, RouteModule } from './route-module.ts'
export { type StatsSnapshot, StreamStats } from './stream-stats.ts'
