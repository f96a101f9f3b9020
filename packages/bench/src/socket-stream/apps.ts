/**
 * The servers of the one-stream part. Every route streams `?n=` events of the message kind
 * `?kind=` (the in-process part's messages), then ends: `hono` serves ssekit through
 * `@ssekit/hono` (awaiting every `send()`, awaiting only when `!sink.ready`, and on Node the web
 * stream that `sseResponse()` returns as it is) and Hono's `streamSSE`; `h3` serves h3 (through
 * srvx's `toNodeHandler` on Node); `hand` is the limit: `node:http` `res.write()` on Node, a
 * `ReadableStream` on Bun and Deno; `hand-await` is the same with one `await` of a resolved
 * promise per event, the cheapest awaited call there is.
 */
import type { ServerResponse } from 'node:http'
import type { SSEMessage } from '@ssekit/core'
import { type SSESink, sseResponse } from '@ssekit/core'
import { sse } from '@ssekit/hono'
import { toNodeHandler } from 'h3'
import { type Context, Hono } from 'hono'
import { h3App, handCoalesced, honoStream, pulledAsync, streamQuery } from '../framework-streams.ts'
import {
  type BenchMessage,
  COALESCE,
  EVENT_STREAM_HEADERS,
  formatByHand,
  handChunks,
  type MessageKind,
} from '../messages.ts'
import type { Served } from '../server.ts'

const producer = (c: Context, ready: boolean) => {
  const { kind, count } = streamQuery(c.req.url)
  const ring = kind.messages as readonly SSEMessage[]
  return async (sink: SSESink) => {
    for (let i = 0; i < count; i++) {
      const accepted = sink.send(ring[i & kind.mask] as SSEMessage)
      if (ready ? !sink.ready && !(await accepted) : !(await accepted)) return
    }
  }
}
const ssekit = (ready: boolean) => (c: Context) => sse(c, producer(c, ready), { heartbeat: false })
// What `sse()` gave before it wrote to Node directly: the web stream through the adapter's pump.
const ssekitWeb = (c: Context) => sseResponse(producer(c, false), { heartbeat: false })

const RESOLVED = Promise.resolve()
/** `count` hand-formatted events, 64 per chunk, one awaited resolved promise per event. */
async function* awaitedChunks(kind: MessageKind, count: number) {
  let text = ''
  for (let i = 0; i < count; i++) {
    text += formatByHand(kind.messages[i & kind.mask] as BenchMessage)
    if ((i + 1) % COALESCE === 0 || i === count - 1) {
      yield text
      text = ''
    }
    await RESOLVED
  }
}

/** The server of one kind, on the runtime running it (`node` tells Node from Bun and Deno). */
export function serve(name: string, node: boolean): Served {
  if (name === 'hono') {
    const app = new Hono()
      .get('/ssekit', ssekit(false))
      .get('/ssekit-web', ssekitWeb)
      .get('/ssekit-ready', ssekit(true))
      .get('/hono', honoStream)
    return { fetch: app.fetch }
  }
  if (name === 'h3') return node ? { listener: toNodeHandler(h3App()) } : { fetch: h3App().fetch }
  if (!node) {
    return {
      fetch(request) {
        const { kind, count } = streamQuery(request.url)
        if (!new URL(request.url).pathname.endsWith('-await')) return handCoalesced(kind, count)
        const chunks = awaitedChunks(kind, count)
        return pulledAsync(async () => (await chunks.next()).value ?? undefined)
      },
    }
  }
  return {
    // Waiting for `drain` whenever the socket's buffer is full, as a careful server does.
    async listener(request, response: ServerResponse) {
      const { kind, count } = streamQuery(request.url ?? '')
      response.writeHead(200, EVENT_STREAM_HEADERS)
      if (request.url?.startsWith('/hand-await')) {
        for await (const text of awaitedChunks(kind, count)) {
          if (!response.write(text)) await new Promise((drain) => response.once('drain', drain))
        }
        return void response.end()
      }
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
