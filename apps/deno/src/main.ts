// The demo app on Deno. Packages come from the pnpm workspace's node_modules (deno.json).
import { createApp, streamCapFromEnv } from '@ssekit/app'
import { redisFeed } from '@ssekit/app/redis-feed'

// With REDIS_URL, /events is one feed shared by every process started with it; else in memory.
const feed = await redisFeed(Deno.env.get('REDIS_URL'))

const app = createApp({
  feed,
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

Deno.serve(
  {
    port: Number(Deno.env.get('PORT') ?? 8080),
    onListen: ({ port }) => console.log(`ssekit ticker on Deno: http://localhost:${port}/sse`),
  },
  app.fetch,
)
