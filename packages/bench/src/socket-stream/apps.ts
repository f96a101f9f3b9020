/**
 * The servers of the one-stream part. Every route streams `?n=` events of the message kind
 * `?kind=` (the in-process part's messages), then ends: `hono` serves ssekit through
 * `@ssekit/hono` (awaiting every `send()`, the same behind `directWrite()`, awaiting only when
 * `!sink.ready`) and Hono's `streamSSE`; `h3` serves h3 (through srvx's `toNodeHandler` on Node);
 * `hand` is the limit: `node:http` `res.write()` on Node, a `ReadableStream` on Bun and Deno.
 */
import type { ServerResponse } from 'node:http'
import type { SSEMessage } from '@ssekit/core'
import { sse } from '@ssekit/hono'
import { directWrite } from '@ssekit/hono/node'
import { toNodeHandler } from 'h3'
import { type Context, Hono } from 'hono'
import { h3App, handCoalesced, honoStream, streamQuery } from '../framework-streams.ts'
import { EVENT_STREAM_HEADERS, handChunks } from '../messages.ts'
import type { Served } from '../server.ts'

const ssekit = (ready: boolean) => (c: Context) => {
  const { kind, count } = streamQuery(c.req.url)
  const ring = kind.messages as readonly SSEMessage[]
  return sse(
    c,
    async (sink) => {
      for (let i = 0; i < count; i++) {
        const accepted = sink.send(ring[i & kind.mask] as SSEMessage)
        if (ready ? !sink.ready && !(await accepted) : !(await accepted)) return
      }
    },
    { heartbeat: false },
  )
}

/** The server of one kind, on the runtime running it (`node` tells Node from Bun and Deno). */
export function serve(name: string, node: boolean): Served {
  if (name === 'hono') {
    const app = new Hono()
      .use('/ssekit-direct', directWrite())
      .get('/ssekit', ssekit(false))
      .get('/ssekit-direct', ssekit(false))
      .get('/ssekit-ready', ssekit(true))
      .get('/hono', honoStream)
    return { fetch: app.fetch }
  }
  if (name === 'h3') return node ? { listener: toNodeHandler(h3App()) } : { fetch: h3App().fetch }
  if (!node) {
    return {
      fetch(request) {
        const { kind, count } = streamQuery(request.url)
        return handCoalesced(kind, count)
      },
    }
  }
  return {
    // Waiting for `drain` whenever the socket's buffer is full, as a careful server does.
    listener(request, response: ServerResponse) {
      const { kind, count } = streamQuery(request.url ?? '')
      response.writeHead(200, EVENT_STREAM_HEADERS)
      const chunks = handChunks(kind, count)
      const write = () => {
        for (let chunk = chunks.next(); !chunk.done; chunk = chunks.next()) {
          if (!response.write(chunk.value)) return void response.once('drain', write)
        }
        response.end()
      }
      write()
    },
  }
}
