/**
 * Serving on the runtime's own HTTP server, for the socket parts' server processes: `Bun.serve`,
 * `Deno.serve`, or on Node `@hono/node-server` for a fetch handler and `node:http` for a listener.
 * Listens on 127.0.0.1 at `PORT` (testkit's `startServer` picks it).
 */
import { createServer, type RequestListener } from 'node:http'
import { serve } from '@hono/node-server'
import { currentRuntime } from '../runtime.ts'

type FetchHandler = (request: Request) => Response | Promise<Response>

const HOSTNAME = '127.0.0.1'

/** The port `startServer` chose, from `PORT`. */
export function serverPort(): number {
  const port = Number(process.env.PORT)
  if (!Number.isInteger(port) || port <= 0) {
    throw new RangeError(`Cannot start the server: \`PORT\` is ${JSON.stringify(process.env.PORT)}`)
  }
  return port
}

/** Serves a fetch handler on the runtime's own server (`@hono/node-server` on Node). */
export function serveFetch(fetch: FetchHandler, port: number): void {
  const global = globalThis as unknown as {
    Bun: { serve(options: object): unknown }
    Deno: { serve(options: object, handler: FetchHandler): unknown }
  }
  const runtime = currentRuntime()
  if (runtime === 'bun') {
    // idleTimeout 0: Bun's default 10 s would cut quiet streams.
    global.Bun.serve({ port, hostname: HOSTNAME, fetch, idleTimeout: 0 })
  } else if (runtime === 'deno') {
    // An onListen of our own keeps Deno from printing its "Listening on" line.
    global.Deno.serve({ port, hostname: HOSTNAME, onListen: () => {} }, fetch)
  } else {
    serve({ fetch, port, hostname: HOSTNAME })
  }
}

/** Serves a `node:http` listener (Node's own server, no fetch adapter). */
export function serveNode(listener: RequestListener, port: number): void {
  createServer(listener).listen(port, HOSTNAME)
}

/**
 * Exits cleanly on SIGTERM, so `node --cpu-prof` writes its profile when `startServer` stops the
 * process group (the default SIGTERM action ends the process before it can).
 */
export function exitOnSigterm(): void {
  process.on('SIGTERM', () => process.exit(0))
}
