// The demo app on Deno. Packages come from the pnpm workspace's node_modules (deno.json).
import { createApp } from '@ssekit/app'

Deno.serve(
  {
    port: Number(Deno.env.get('PORT') ?? 8080),
    onListen: ({ port }) => console.log(`ssekit ticker on Deno: http://localhost:${port}/sse`),
  },
  createApp().fetch,
)
