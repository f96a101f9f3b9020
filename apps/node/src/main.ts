// The demo app on Node. Node 22 runs this file as is: it strips the types.
import { type HttpBindings, serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { createApp, drainSettingsFromEnv, gracefulShutdown, streamCapFromEnv } from '@ssekit/app'
import { prometheusMetrics } from '@ssekit/app/metrics'
import { redisFeed, redisGenerations } from '@ssekit/app/redis-feed'
import { createDrain } from '@ssekit/core/operations'
import { serverTimeouts } from './server-timeouts.ts'

const port = Number(process.env.PORT ?? 8080)
// With REDIS_URL, /events is one feed shared by every process started with it; else in memory.
const feed = await redisFeed(process.env.REDIS_URL)
// With REDIS_URL, /generations run on Redis too: any process resumes any of them.
const generations = await redisGenerations(process.env.REDIS_URL)
// Made before serving, so it knows every stream; started by SIGTERM below.
const { window, deadline } = drainSettingsFromEnv(process.env)
const drain = createDrain({ window, deadline })
const metrics = prometheusMetrics()

const app = createApp({
  feed,
  generations,
  drain,
  metrics: () => metrics.respond(),
  // Each client's open streams are capped (MAX_STREAMS_PER_CLIENT, default 64) by its address:
  // the socket's, or behind a proxy the header named in CLIENT_ADDRESS_HEADER.
  ...streamCapFromEnv(process.env),
  clientAddress: (c) => getConnInfo(c).remote.address,
  // A client too slow for the feed: reset its socket now, so neither the file descriptor nor the
  // kernel's buffers wait for a client that may never read again.
  closeConnection: (c) => void (c.env as HttpBindings).incoming.socket.resetAndDestroy(),
})

// @hono/node-server aborts `request.signal` and cancels the body when a client leaves.
const server = serve(
  { fetch: app.fetch, port, serverOptions: serverTimeouts(process.env) },
  (info) => {
    console.log(`ssekit ticker on Node: http://localhost:${info.port}/sse`)
  },
)

// A deploy's SIGTERM drains: every stream ends with a retry hint spread over DRAIN_WINDOW_MS, new
// ones get 503, publishes still work; the process exits once the server closed and the feed and
// generations are closed, or at the deadline. Ctrl-C stops at once.
process.once('SIGTERM', async () => {
  const stopServer = () => new Promise<void>((resolve) => server.close(() => resolve()))
  // Generations running here end now, as failed: their readers elsewhere need not wait out a lease.
  const close = async () => void (await Promise.all([feed?.close(), generations?.close?.()]))
  await gracefulShutdown({ drain, stopServer, close, deadline })
  process.exit(0)
})
process.once('SIGINT', () => process.exit(0))
