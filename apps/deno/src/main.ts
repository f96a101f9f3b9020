// The demo app on Deno. Packages come from the pnpm workspace's node_modules (deno.json).
import { createApp, drainSettingsFromEnv, gracefulShutdown, streamCapFromEnv } from '@ssekit/app'
import { prometheusMetrics } from '@ssekit/app/metrics'
import { redisFeed } from '@ssekit/app/redis-feed'
import { createDrain } from '@ssekit/core'

// With REDIS_URL, /events is one feed shared by every process started with it; else in memory.
const feed = await redisFeed(Deno.env.get('REDIS_URL'))
// Made before serving, so it knows every stream; started by SIGTERM below.
const { window, deadline } = drainSettingsFromEnv({
  DRAIN_WINDOW_MS: Deno.env.get('DRAIN_WINDOW_MS'),
  DRAIN_DEADLINE_MS: Deno.env.get('DRAIN_DEADLINE_MS'),
})
const drain = createDrain({ window, deadline })
const metrics = prometheusMetrics()

const app = createApp({
  feed,
  drain,
  metrics: () => metrics.respond(),
  // Each client's open streams are capped (MAX_STREAMS_PER_CLIENT, default 64) by its address:
  // the socket's, or behind a proxy the header named in CLIENT_ADDRESS_HEADER.
  ...streamCapFromEnv({
    MAX_STREAMS_PER_CLIENT: Deno.env.get('MAX_STREAMS_PER_CLIENT'),
    CLIENT_ADDRESS_HEADER: Deno.env.get('CLIENT_ADDRESS_HEADER'),
  }),
  // Hono hands Deno.serve's handler info to the app as its env.
  clientAddress: (c) => {
    const address = (c.env as Deno.ServeHandlerInfo).remoteAddr
    return 'hostname' in address ? address.hostname : undefined
  },
})

const server = Deno.serve(
  {
    port: Number(Deno.env.get('PORT') ?? 8080),
    onListen: ({ port }) => console.log(`ssekit ticker on Deno: http://localhost:${port}/sse`),
  },
  app.fetch,
)

// A deploy's SIGTERM drains (see the Node entry); shutdown() lets answers in flight finish.
Deno.addSignalListener('SIGTERM', async () => {
  const stopServer = () => server.shutdown()
  await gracefulShutdown({ drain, stopServer, close: async () => feed?.close(), deadline })
  Deno.exit(0)
})
