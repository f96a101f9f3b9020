/**
 * Every server the socket parts start, on whichever runtime runs it: `SERVER_KIND` (`idle:ssekit`,
 * `stream:hono`, `fanout:hand-web`, `ring`) picks what it serves, and only that is imported.
 * It listens on 127.0.0.1 at `PORT` on the runtime's own server: `@hono/node-server` (or
 * `node:http` for a listener) on Node, `Bun.serve`, `Deno.serve`. Every kind also answers
 * `GET /ready` (the runtime's version) and `GET /memory` (after a full GC); a fan-out kind also
 * listens for commands at `CONTROL_PORT`.
 */
import { createServer, type RequestListener } from 'node:http'
import { serve as nodeServe } from '@hono/node-server'
import { currentRuntime, currentRuntimeVersion, memoryAfterGc } from './harness/runtime.ts'

type FetchHandler = (request: Request, env?: object) => Response | Promise<Response>

/** What one kind serves: a fetch handler, or on Node a `node:http` listener. */
export interface Served {
  fetch?: FetchHandler
  listener?: RequestListener
}

const [group = '', name = ''] = (process.env.SERVER_KIND ?? '').split(':')
const port = Number(process.env.PORT)
const node = currentRuntime() === 'node'
const heartbeatMs = Number(process.env.HEARTBEAT_MS ?? 1000)
const modules = {
  idle: async () => ({
    fetch: (await import('./connections/routes.ts')).idleApp(name as 'ssekit', heartbeatMs).fetch,
  }),
  stream: async () => (await import('./socket-stream/apps.ts')).serve(name, node),
  fanout: async () => {
    const served = (await import('./socket-fanout/broadcasters.ts')).serve(name, node)
    const { serveControl } = await import('./socket-fanout/control.ts')
    serveControl(served.broadcaster, Number(process.env.CONTROL_PORT))
    return served
  },
  ring: async () => ({ listener: (await import('./client/ring.ts')).ringListener }),
} as Record<string, () => Promise<Served>>
const served = await modules[group]?.()
if (!served) throw new TypeError(`Cannot serve: unknown SERVER_KIND ${process.env.SERVER_KIND}`)

// The routes every kind answers, before its own.
const common = (path: string) =>
  path === '/ready'
    ? currentRuntimeVersion()
    : path === '/memory'
      ? JSON.stringify(memoryAfterGc())
      : undefined

const hostname = '127.0.0.1'
const { listener, fetch } = served
if (listener) {
  createServer((request, response) => {
    const answer = common(new URL(request.url ?? '/', 'http://x').pathname)
    if (answer === undefined) listener(request, response)
    else response.end(answer)
  }).listen(port, hostname)
} else if (fetch) {
  // `env` carries @hono/node-server's `outgoing`, which `directWrite()` writes to.
  const handler: FetchHandler = (request, env) => {
    const answer = common(new URL(request.url).pathname)
    return answer === undefined ? fetch(request, env) : new Response(answer)
  }
  const global = globalThis as unknown as {
    Bun: { serve(options: object): unknown }
    Deno: { serve(options: object, handler: FetchHandler): unknown }
  }
  // Bun: idleTimeout 0, or its default 10 s cuts quiet streams. Deno: an onListen of our own
  // keeps it from printing its "Listening on" line.
  if (currentRuntime() === 'bun')
    global.Bun.serve({ port, hostname, fetch: handler, idleTimeout: 0 })
  else if (currentRuntime() === 'deno')
    global.Deno.serve({ port, hostname, onListen() {} }, handler)
  else nodeServe({ fetch: handler, port, hostname })
}
// `node --cpu-prof` writes its profile on a clean exit only.
process.on('SIGTERM', () => process.exit(0))
