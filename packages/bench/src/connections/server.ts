/**
 * The server of parts 3 and 4, on whichever runtime runs it: `@hono/node-server` on Node,
 * `Bun.serve` on Bun, `Deno.serve` on Deno, as the runtime apps do. Binds 127.0.0.1 on a free
 * port and prints it. `GET /memory` reports this process's memory after a full GC.
 */
import { serve } from '@hono/node-server'
import { collectGarbage, currentRuntime, currentRuntimeVersion, memoryUsage } from '../runtime.ts'
import { idleStreamsApp, type ServerKind } from './routes.ts'

const kind = (process.env.SERVER_KIND ?? 'ssekit') as ServerKind
const heartbeatMs = Number(process.env.HEARTBEAT_MS ?? 1000)
const app = idleStreamsApp(kind, heartbeatMs)
  .get('/memory', (c) => {
    collectGarbage()
    return c.json(memoryUsage())
  })
  .get('/version', (c) => c.json({ version: currentRuntimeVersion() }))

const listening = (port: number) => console.log(`@@listening ${port}`)
const hostname = '127.0.0.1'
const runtime = currentRuntime()
const global = globalThis as unknown as {
  Bun: {
    serve(options: object): { port: number }
  }
  Deno: {
    serve(options: object, handler: (request: Request) => Response | Promise<Response>): unknown
  }
}
if (runtime === 'bun') {
  // idleTimeout 0: Bun's default 10 s would cut streams between slow heartbeats.
  const server = global.Bun.serve({ port: 0, hostname, fetch: app.fetch, idleTimeout: 0 })
  listening(server.port)
} else if (runtime === 'deno') {
  global.Deno.serve(
    { port: 0, hostname, onListen: ({ port }: { port: number }) => listening(port) },
    app.fetch,
  )
} else {
  serve({ fetch: app.fetch, port: 0, hostname }, (info) => listening(info.port))
}
