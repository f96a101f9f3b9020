import { Hono } from 'hono'
import { compress } from 'hono/compress'
import type { RouteModule } from './route-module.ts'
import { feedRoutes } from './routes/feed.ts'
import { pageRoutes } from './routes/page.ts'
import { relayRoutes } from './routes/relay.ts'
import { statsRoutes } from './routes/stats.ts'
import { tickerRoutes } from './routes/ticker.ts'
import { StreamStats } from './stream-stats.ts'

/** Every route group of the app; add a module here to mount it. */
const ROUTES: readonly RouteModule[] = [
  pageRoutes,
  tickerRoutes,
  statsRoutes,
  feedRoutes,
  relayRoutes,
]

/**
 * Builds the demo app that every runtime serves. Each call has its own {@link StreamStats}, so
 * create one app per process or isolate.
 *
 * @returns A Hono app: `GET /`, `GET /sse`, `GET /stats`.
 *
 * @example Serve it on Deno
 * ```ts
 * import { createApp } from '@ssekit/app'
 * Deno.serve({ port: 8080 }, createApp().fetch)
 * ```
 */
export function createApp(): Hono {
  const deps = { stats: new StreamStats() }
  // compress() stays on to prove the event streams get through it uncompressed.
  const app = new Hono().use(compress())
  for (const routes of ROUTES) app.route('/', routes(deps))
  return app
}
