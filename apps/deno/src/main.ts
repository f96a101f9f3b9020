// The demo app on Deno. Packages come from the pnpm workspace's node_modules (deno.json).
import { createApp } from '@ssekit/app'
import { redisFeed } from '@ssekit/app/redis-feed'

// With REDIS_URL, /events is one feed shared by every process started with it; else in memory.
const feed = await redisFeed(Deno.env.get('REDIS_URL'))

Deno.serve(
  {
    port: Number(Deno.env.get('PORT') ?? 8080),
    onListen: ({ port }) => console.log(`ssekit ticker on Deno: http://localhost:${port}/sse`),
  },
  createApp({ feed }).fetch,
)
