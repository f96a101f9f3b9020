// The demo app on Bun.
import { createApp } from '@ssekit/app'

const server = Bun.serve({
  port: Number(process.env.PORT ?? 8080),
  fetch: createApp().fetch,
  // Bun closes a connection after 10 s without bytes. The 15 s heartbeat skips a beat when the
  // stream just wrote, so a quiet stream may go almost 30 s without bytes: allow 60 s.
  idleTimeout: 60,
})

console.log(`ssekit ticker on Bun: http://localhost:${server.port}/sse`)
