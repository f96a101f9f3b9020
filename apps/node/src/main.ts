// The demo app on Node. Node 22 runs this file as is: it strips the types.
import { serve } from '@hono/node-server'
import { createApp, localGenerations } from '@ssekit/app'
import { redisFeed } from '@ssekit/app/redis-feed'
import { ioredisAdapter } from '@ssekit/redis'
import { createResumableStreams } from '@ssekit/resumable'
import { redisStore } from '@ssekit/resumable/redis'
import { Redis } from 'ioredis'
import { serverTimeouts } from './server-timeouts.ts'

const port = Number(process.env.PORT ?? 8080)
// With REDIS_URL, /events is one feed shared by every process started with it; else in memory.
const feed = await redisFeed(process.env.REDIS_URL)
// With REDIS_URL, /generations run on Redis too: any process resumes any of them.
const generations =
  process.env.REDIS_URL === undefined
    ? undefined
    : localGenerations(
        createResumableStreams({
          store: redisStore({
            redis: ioredisAdapter(new Redis(process.env.REDIS_URL, { lazyConnect: true })),
          }),
        }),
      )

// @hono/node-server aborts `request.signal` and cancels the body when a client leaves.
const server = serve(
  {
    fetch: createApp({ feed, generations }).fetch,
    port,
    serverOptions: serverTimeouts(process.env),
  },
  (info) => {
    console.log(`ssekit ticker on Node: http://localhost:${info.port}/sse`)
  },
)

// Stop on Ctrl-C or a supervisor's SIGTERM; open event streams would hold close() forever.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close()
    process.exit(0)
  })
}
