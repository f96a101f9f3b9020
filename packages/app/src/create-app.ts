import { type Channel, createChannel } from '@ssekit/channel'
import type { Drain } from '@ssekit/core/operations'
import { createResumableStreams } from '@ssekit/resumable'
import { type Context, Hono } from 'hono'
import { compress } from 'hono/compress'
import type { VerifyToken } from './bearer-token.ts'
import { ClientStreams } from './client-streams.ts'
import { handleError } from './error-handler.ts'
import type { FeedEvents } from './feed-message.ts'
import { type Generations, localGenerations } from './generations.ts'
import type { RouteModule } from './route-module.ts'
import { clientScriptRoutes } from './routes/client-script.ts'
import { feedRoutes } from './routes/feed.ts'
import { generationRoutes } from './routes/generations.ts'
import { metricsRoutes } from './routes/metrics.ts'
import { pageRoutes } from './routes/page.ts'
import { relayRoutes } from './routes/relay.ts'
import { statsRoutes } from './routes/stats.ts'
import { tickerRoutes } from './routes/ticker.ts'
import { checkStreamCap, type StreamCapOptions } from './stream-cap.ts'
import { StreamStats } from './stream-stats.ts'

/** Every route group of the app; add a module here to mount it. */
const ROUTES: readonly RouteModule[] = [
  pageRoutes,
  tickerRoutes,
  statsRoutes,
  feedRoutes,
  relayRoutes,
  clientScriptRoutes,
  metricsRoutes,
  generationRoutes,
]

/**
 * Options for {@link createApp}.
 *
 * @example A Worker, where Cloudflare compresses
 * ```ts
 * const options: AppOptions = { compress: false }
 * export default { fetch: createApp(options).fetch }
 * ```
 */
export interface AppOptions extends StreamCapOptions {
  /**
   * Compress responses with Hono's `compress()` when the client accepts gzip or deflate; event
   * streams pass through it uncompressed either way. Turn it off where the platform compresses
   * after the app: Cloudflare and `wrangler dev` always send `Accept-Encoding` to a Worker and
   * compress what it returns, so the app's own gzip would be gzipped again.
   * @defaultValue true
   */
  compress?: boolean | undefined
  /**
   * The channel behind `/events`, e.g. one over Redis Streams or a Durable Object so that every
   * process or isolate serves one feed.
   * @defaultValue an in-memory `createChannel()` of this app's own
   */
  feed?: Channel<FeedEvents> | undefined
  /**
   * Asks `GET /events` and `GET /relay` for an `Authorization: Bearer` token: a request without
   * one, or with one this refuses, gets a 401, and a stream ends when its token expires, with
   * the `ssekit-expired` event and `retry: 0`, so the client comes back at once with a fresh one
   * and resumes from `Last-Event-ID`.
   * @defaultValue none: no token is asked for
   */
  verifyToken?: VerifyToken | undefined
  /**
   * Closes the request's connection now, even while the client reads nothing and writes to it
   * are stuck: on Node `socket.resetAndDestroy()`, on Bun a short `server.timeout()`. The app
   * calls it when the feed ends a stream itself (a client too slow to keep up, or the feed
   * closing), so that connection goes too instead of waiting, open, for a client that may never
   * read again. Without it the app errors the stream's body, which ends the connection once the
   * runtime gets to write again: the most Deno allows. With it the body passes through untouched;
   * on Workers, whose connections the edge holds, `() => {}` says there is nothing to close.
   * @defaultValue none
   */
  closeConnection?: ((c: Context) => void) | undefined
  /**
   * Serves `GET /metrics` with what it answers: Prometheus text from `prometheusMetrics()` of
   * `@ssekit/app/metrics` on Node, Bun and Deno. A Worker has none: each isolate would report
   * only its own few streams, and a scrape reaches one isolate at random.
   * @defaultValue none: no `/metrics` route
   */
  metrics?: (() => Promise<Response>) | undefined
  /**
   * The process's drain (`createDrain()` of `@ssekit/core`), so that streams it ends keep their
   * connections long enough to deliver the `retry:` hint (a slow consumer's are cut at once).
   * @defaultValue none
   */
  drain?: Drain | undefined
  /**
   * Where `/generations` run: resumable streams on Redis, or in Durable Objects, so that every
   * process or isolate serves every generation.
   * @defaultValue resumable streams in this app's memory
   */
  generations?: Generations | undefined
}

/**
 * Builds the demo app that every runtime serves. Each call has its own {@link StreamStats} and
 * its own feed, so create one app per process or isolate.
 *
 * @param options Whether the app compresses its responses itself, the feed's channel, the cap
 *   on each client's open streams, and how the runtime closes a connection.
 * @returns A Hono app: `GET /` (live ticker page), `GET /sse` (the ticker), `GET /stats`,
 *   `GET /relay` (the ticker relayed through `@ssekit/client`), `GET /feed` (chat page), `GET /events` (the feed, replaying from `Last-Event-ID`),
 *   `POST /events` (publish) and `POST /events/drop` (close one stream, given its drop token),
 *   and resumable generations: `GET /generate` (page), `POST /generations`, `GET /generations/:id`,
 *   `POST /generations/:id/stop`.
 *   A handler that throws gets a plain 500 with nothing of the server's internals; the error is
 *   logged. A client over its cap of open streams gets a 429 with `Retry-After`.
 * @throws {RangeError | TypeError | SyntaxError} An option of the cap is invalid.
 *
 * @example Serve it on Deno
 * ```ts
 * import { createApp } from '@ssekit/app'
 * Deno.serve({ port: 8080 }, createApp().fetch)
 * ```
 *
 * @example On Cloudflare Workers, which compresses by itself
 * ```ts
 * import { createApp } from '@ssekit/app'
 * export default { fetch: createApp({ compress: false }).fetch }
 * ```
 * @see https://hono.dev/docs/api/hono#error-handling
 */
export function createApp(options: AppOptions = {}): Hono {
  const clients = new ClientStreams(checkStreamCap(options))
  // Browsers wait about 3 s before reconnecting; one second keeps the demo snappy.
  const feed = options.feed ?? createChannel<FeedEvents>({ retry: 1000 })
  const { closeConnection } = options
  if (closeConnection !== undefined && typeof closeConnection !== 'function') {
    throw new TypeError('Cannot create the app: option `closeConnection` must be a function')
  }
  const { metrics } = options
  if (metrics !== undefined && typeof metrics !== 'function') {
    throw new TypeError('Cannot create the app: option `metrics` must be a function')
  }
  const generations = options.generations ?? localGenerations(createResumableStreams())
  const deps = {
    stats: new StreamStats(),
    feed,
    clients,
    closeConnection,
    metrics,
    drain: options.drain,
    generations,
    verifyToken: options.verifyToken,
  }
  const app = new Hono()
  // On by default: the tests prove the event streams get through compress() uncompressed.
  if (options.compress ?? true) app.use(compress())
  for (const routes of ROUTES) app.route('/', routes(deps))
  app.onError(handleError)
  return app
}
