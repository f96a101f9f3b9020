/**
 * A server of the one-stream part, on whichever runtime runs it. `SERVER_KIND` picks what it
 * serves: `hono-app` (ssekit through `@ssekit/hono`, and Hono's `streamSSE`, on the runtime's
 * server), `h3` (h3's app, through srvx's `toNodeHandler` on Node), or `hand` (the runtime's
 * limit: `node:http` `res.write` on Node, a coalescing `ReadableStream` on Bun and Deno).
 */
import { toNodeHandler } from 'h3'
import { currentRuntime } from '../runtime.ts'
import { exitOnSigterm, serveFetch, serveNode, serverPort } from '../socket/serve.ts'
import { h3StreamApp, handStreamFetch, honoStreamApp } from './apps.ts'
import { handStreamListener } from './node-hand.ts'

/** One server process of the part; each serves some of the contenders. */
export type StreamServerKind = 'hono-app' | 'h3' | 'hand'

const kind = process.env.SERVER_KIND as StreamServerKind
const port = serverPort()
const node = currentRuntime() === 'node'
exitOnSigterm()
if (kind === 'hono-app') {
  serveFetch(honoStreamApp().fetch, port)
} else if (kind === 'h3') {
  const app = h3StreamApp()
  if (node) serveNode(toNodeHandler(app), port)
  else serveFetch(app.fetch, port)
} else if (kind === 'hand') {
  if (node) serveNode(handStreamListener, port)
  else serveFetch(handStreamFetch, port)
} else {
  throw new TypeError(`Cannot start the server: unknown SERVER_KIND ${JSON.stringify(kind)}`)
}
