// The demo app on Bun.
import { createApp } from '@ssekit/app'
import { redisFeed } from '@ssekit/app/redis-feed'

// With REDIS_URL, /events is one feed shared by every process started with it; else in memory.
const feed = await redisFeed(process.env.REDIS_URL)

const server = Bun.serve({
  port: Number(process.env.PORT ?? 8080),
  fetch: createApp({ feed }).fetch,
  // Bun closes a connection after 10 s without bytes. The 15 s heartbeat skips a beat when the
  // stream just wrote, so a quiet stream may go almost 30 s without bytes: allow 60 s.
  idleTimeout: 60,
})

console.log(`ssekit ticker on Bun: http://localhost:${server.port}/sse`)
