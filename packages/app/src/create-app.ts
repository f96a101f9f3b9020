import { createChannel } from '@ssekit/core'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import type { FeedChannel, FeedEvents } from './feed-channel.ts'
import type { RouteModule } from './route-module.ts'
import { feedRoutes } from './routes/feed.ts'
import { pageRoutes } from './routes/page.ts'
import { statsRoutes } from './routes/stats.ts'
import { tickerRoutes } from './routes/ticker.ts'
import { StreamStats } from './stream-stats.ts'

/** Every route group of the app; add a module here to mount it. */
const ROUTES: readonly RouteModule[] = [pageRoutes, tickerRoutes, statsRoutes, feedRoutes]

/** Options for {@link createApp}. */
export interface AppOptions {
  /**
   * The channel behind `/events`, e.g. one over Redis Streams or a Durable Object so that every
   * process or isolate serves one feed.
   * @defaultValue an in-memory `createChannel()` of this app's own
   */
  feed?: FeedChannel | undefined
}

/**
 * Builds the demo app that every runtime serves. Each call has its own {@link StreamStats}, so
 * create one app per process or isolate.
 *
 * @param options The feed's channel.
 * @returns A Hono app: `GET /`, `GET /sse`, `GET /stats`.
 *
 * @example Serve it on Deno
 * ```ts
 * import { createApp } from '@ssekit/app'
 * Deno.serve({ port: 8080 }, createApp().fetch)
 * ```
 */
export function createApp(options: AppOptions = {}): Hono {
  // Browsers wait about 3 s before reconnecting; one second keeps the demo snappy.
  const feed = options.feed ?? createChannel<FeedEvents>({ retry: 1000 })
  const deps = { stats: new StreamStats(), feed }
  // compress() stays on to prove the event streams get through it uncompressed.
  const app = new Hono().use(compress())
  for (const routes of ROUTES) app.route('/', routes(deps))
  return app
}
