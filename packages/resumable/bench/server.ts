// One benchmark server: `peer` serves streams with resumable-stream 2.2, `ssekit` with
// @ssekit/resumable on Redis, written to Node's sockets directly (`directWrite()`, as a Node app
// of ours has it), `ssekit-web` the same as plain web streams (the path of every other runtime).
// Same HTTP stack (Hono on @hono/node-server), same producer, same routes:
//   POST /start/:id?chunks=&intervalMs=&headStartMs=  starts a producer; the response reads it
//   GET /read/:id                                     attaches one more reader
// Every chunk is one SSE event `data: …` (what the AI SDK sends), so readers count the same.
import { serve } from '@hono/node-server'
import { directWrite } from '@ssekit/hono/node'
import { ioredisAdapter } from '@ssekit/redis'
import { Hono } from 'hono'
import { Redis } from 'ioredis'
import { createResumableStreamContext } from 'resumable-stream/ioredis'
import { createResumableStreams } from '../src/index.ts'
import { redisStore } from '../src/redis/index.ts'

const [system, redisUrl] = process.argv.slice(2) as ['peer' | 'ssekit' | 'ssekit-web', string]
const TOKEN = 'lorem ipsum dolor '

function producer(url: URL): ReadableStream<string> {
  const chunks = Number(url.searchParams.get('chunks'))
  const intervalMs = Number(url.searchParams.get('intervalMs'))
  const headStartMs = Number(url.searchParams.get('headStartMs'))
  let sent = 0
  return new ReadableStream<string>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, sent === 0 ? headStartMs : intervalMs))
      controller.enqueue(`data: ${TOKEN}${sent}\n\n`)
      if (++sent === chunks) controller.close()
    },
  })
}

const headers = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }
let handle: (request: Request) => Promise<Response>

if (system === 'peer') {
  const context = createResumableStreamContext({
    waitUntil: null,
    publisher: new Redis(redisUrl),
    subscriber: new Redis(redisUrl),
  })
  handle = async (request) => {
    const url = new URL(request.url)
    const [, action, id] = url.pathname.split('/') as [string, string, string]
    const stream =
      action === 'start'
        ? await context.createNewResumableStream(id, () => producer(url))
        : await context.resumeExistingStream(id)
    if (stream === undefined) return new Response(null, { status: 404 })
    if (stream === null) return new Response(null, { status: 204 })
    return new Response(stream.pipeThrough(new TextEncoderStream()), { headers })
  }
} else {
  const store = redisStore({ redis: ioredisAdapter(new Redis(redisUrl, { lazyConnect: true })) })
  const streams = createResumableStreams({ store })
  handle = async (request) => {
    const url = new URL(request.url)
    const [, action, id] = url.pathname.split('/') as [string, string, string]
    // The producer's strings are the chunks: each reader gets `data: "<the string>"` events.
    if (action === 'start') await streams.start(id, producer(url))
    return streams.subscribe(request, id)
  }
}

// It hands ssekit's event streams to Node's socket writes; the peer's streams pass untouched.
const app = new Hono()
if (system === 'ssekit') app.use(directWrite())
app.all('*', (c) => handle(c.req.raw))
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`)
})
process.on('SIGTERM', () => {
  server.close()
  process.exit(0)
})
