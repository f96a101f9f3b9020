import type { Channel } from '@ssekit/channel'
import type { Drain } from '@ssekit/core/operations'
import type { Context, Hono } from 'hono'
import type { VerifyToken } from './bearer-token.ts'
import type { ClientStreams } from './client-streams.ts'
import type { FeedEvents } from './feed-message.ts'
import type { Generations } from './generations.ts'
import type { StreamStats } from './stream-stats.ts'

/** What every route module shares: one set per app, so per process or isolate. */
export interface AppDeps {
  /** Open streams and ticks, reported by `GET /stats`. */
  stats: StreamStats
  /** The channel behind `/events`. */
  feed: Channel<FeedEvents>
  /** Checks the bearer token of `GET /events` and `GET /relay`, when the app asks for one. */
  verifyToken?: VerifyToken | undefined
  /** The open event streams of each client, capped. */
  clients: ClientStreams
  /** Closes a request's connection at once, where the runtime lets the app do so. */
  closeConnection: ((c: Context) => void) | undefined
  /** Answers `GET /metrics`, where the runtime's entry measures (not on Workers). */
  metrics: (() => Promise<Response>) | undefined
  /** The process's drain, if it has one. */
  drain: Drain | undefined
  /** Where the resumable generations run. */
  generations: Generations
}

/**
 * A group of routes: a function from the shared deps to a Hono app that `createApp()` mounts at `/`.
 *
 * @example A route module
 * ```ts
 * export const pingRoutes: RouteModule = () => new Hono().get('/ping', (c) => c.text('pong'))
 * ```
 */
export type RouteModule = (deps: AppDeps) => Hono
