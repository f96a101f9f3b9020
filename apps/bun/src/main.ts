// The demo app on Bun.
import { createApp, drainSettingsFromEnv, gracefulShutdown, streamCapFromEnv } from '@ssekit/app'
import { prometheusMetrics } from '@ssekit/app/metrics'
import { redisFeed } from '@ssekit/app/redis-feed'
import { createDrain } from '@ssekit/core'

// With REDIS_URL, /events is one feed shared by every process started with it; else in memory.
const feed = await redisFeed(process.env.REDIS_URL)
// Made before serving, so it knows every stream; started by SIGTERM below.
const { window, deadline } = drainSettingsFromEnv(process.env)
const drain = createDrain({ window, deadline })
const metrics = prometheusMetrics()

const app = createApp({
  feed,
  drain,
  metrics: () => metrics.respond(),
  // Each client's open streams are capped (MAX_STREAMS_PER_CLIENT, default 64) by its address:
  // the socket's, or behind a proxy the header named in CLIENT_ADDRESS_HEADER.
  ...streamCapFromEnv(process.env),
  // Hono hands Bun's server to the app as its env.
  clientAddress: (c) => (c.env as Bun.Server<undefined>).requestIP(c.req.raw)?.address,
  // A client too slow for the feed: Bun lets no handler close a connection, but one idle for a
  // second it closes by itself, stuck writes and all (its timers tick every few seconds).
  closeConnection: (c) => (c.env as Bun.Server<undefined>).timeout(c.req.raw, 1),
})

const server = Bun.serve({
  port: Number(process.env.PORT ?? 8080),
  fetch: app.fetch,
  // Bun closes a connection after 10 s without bytes. The 15 s heartbeat skips a beat when the
  // stream just wrote, so a quiet stream may go almost 30 s without bytes: allow 60 s.
  idleTimeout: 60,
})

console.log(`ssekit ticker on Bun: http://localhost:${server.port}/sse`)

// A deploy's SIGTERM drains (see the Node entry); stop() lets answers in flight finish.
process.once('SIGTERM', async () => {
  const stopServer = () => server.stop()
  await gracefulShutdown({ drain, stopServer, close: async () => feed?.close(), deadline })
  process.exit(0)
})
