/**
 * The server of the connections part, on whichever runtime runs it: `@hono/node-server` on Node,
 * `Bun.serve` on Bun, `Deno.serve` on Deno, as the runtime apps do. Listens on 127.0.0.1 at
 * `PORT` (testkit's `startServer` picks it). `GET /memory` reports this process's memory after a
 * full GC, `GET /version` the runtime's version, and on Node `GET /heap-snapshot?path=…` writes a
 * heap snapshot there (after a full GC).
 */
import { writeHeapSnapshot } from 'node:v8'
import { serve } from '@hono/node-server'
import { collectGarbage, currentRuntime, currentRuntimeVersion, memoryUsage } from '../runtime.ts'
import { idleStreamsApp, type ServerKind } from './routes.ts'

const kind = (process.env.SERVER_KIND ?? 'ssekit') as ServerKind
const heartbeatMs = Number(process.env.HEARTBEAT_MS ?? 1000)
const port = Number(process.env.PORT)
if (!Number.isInteger(port) || port <= 0) {
  throw new RangeError(`Cannot start the server: \`PORT\` is ${JSON.stringify(process.env.PORT)}`)
}
const app = idleStreamsApp(kind, heartbeatMs)
  .get('/memory', (c) => {
    collectGarbage()
    return c.json(memoryUsage())
  })
  .get('/version', (c) => c.json({ version: currentRuntimeVersion() }))
  .get('/heap-snapshot', (c) => {
    collectGarbage()
    return c.json({ path: writeHeapSnapshot(c.req.query('path')) })
  })

const hostname = '127.0.0.1'
const runtime = currentRuntime()
const global = globalThis as unknown as {
  Bun: {
    serve(options: object): unknown
  }
  Deno: {
    serve(options: object, handler: (request: Request) => Response | Promise<Response>): unknown
  }
}
if (runtime === 'bun') {
  // idleTimeout 0: Bun's default 10 s would cut streams between slow heartbeats.
  global.Bun.serve({ port, hostname, fetch: app.fetch, idleTimeout: 0 })
} else if (runtime === 'deno') {
  // An onListen of our own keeps Deno from printing its "Listening on" line.
  global.Deno.serve({ port, hostname, onListen: () => {} }, app.fetch)
} else {
  serve({ fetch: app.fetch, port, hostname })
}
