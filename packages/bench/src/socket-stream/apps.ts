/**
 * The routes of the one-stream-over-a-socket part. Every route streams `n` events of the message
 * kind `kind` (`?n=200000&kind=small-json`), the same events as the in-process throughput part,
 * then ends. The web-standard ones live here; Node's hand-written `res.write` is in node-hand.ts.
 */
import type { SSEMessage } from '@ssekit/core'
import { sse } from '@ssekit/hono'
import { directWrite } from '@ssekit/hono/node'
import { createEventStream, type EventStreamMessage, H3 } from 'h3'
import { type Context, Hono } from 'hono'
import { type SSEMessage as HonoMessage, streamSSE } from 'hono/streaming'
import { currentRuntimeVersion } from '../runtime.ts'
import { handCoalesced } from '../throughput/contenders/hand.ts'
import { dataText, MESSAGE_KINDS, type MessageKind } from '../throughput/messages.ts'

/** The contenders, each a route of the same name: `GET /ssekit?n=…&kind=…`. */
export type StreamContender = 'ssekit' | 'ssekit-direct' | 'ssekit-ready' | 'hono' | 'h3' | 'hand'

/** What a route reads from its URL. */
export function streamRequest(url: string): { count: number; kind: MessageKind } {
  const params = new URL(url, 'http://127.0.0.1').searchParams
  const count = Number(params.get('n'))
  const kind = MESSAGE_KINDS.find((k) => k.name === params.get('kind'))
  if (!Number.isSafeInteger(count) || count < 0 || !kind) {
    throw new RangeError(`Cannot stream: bad \`n\` or \`kind\` in ${url}`)
  }
  return { count, kind }
}

/**
 * ssekit through `@ssekit/hono` (awaiting every `send()`; the same written straight to Node's
 * `ServerResponse` by `directWrite()`; awaiting only when `!sink.ready`), and Hono's own
 * `streamSSE` (awaiting every `writeSSE()`), in one Hono app.
 */
export function honoStreamApp(): Hono {
  const awaitEach = (c: Context) => {
    const { count, kind } = streamRequest(c.req.url)
    const ring = kind.messages as readonly SSEMessage[]
    return sse(
      c,
      async (sink) => {
        for (let i = 0; i < count; i++) await sink.send(ring[i & kind.mask] as SSEMessage)
      },
      { heartbeat: false },
    )
  }
  return new Hono()
    .use('/ssekit-direct', directWrite())
    .get('/ready', (c) => c.text(currentRuntimeVersion()))
    .get('/ssekit', awaitEach)
    .get('/ssekit-direct', awaitEach)
    .get('/ssekit-ready', (c) => {
      const { count, kind } = streamRequest(c.req.url)
      const ring = kind.messages as readonly SSEMessage[]
      return sse(
        c,
        async (sink) => {
          for (let i = 0; i < count; i++) {
            const accepted = sink.send(ring[i & kind.mask] as SSEMessage)
            if (!sink.ready && !(await accepted)) return
          }
        },
        { heartbeat: false },
      )
    })
    .get('/hono', (c) => {
      const { count, kind } = streamRequest(c.req.url)
      return streamSSE(c, async (stream) => {
        for (let i = 0; i < count; i++) {
          const { event, id, data } = kind.messages[i & kind.mask] ?? { data: '' }
          await stream.writeSSE({ event, id, data: dataText(data) } as HonoMessage)
        }
      })
    })
}

/** h3 2.x `createEventStream` with `await stream.push()` per event. */
export function h3StreamApp(): H3 {
  return new H3()
    .get('/ready', () => currentRuntimeVersion())
    .get('/h3', (event) => {
      const { count, kind } = streamRequest(event.req.url)
      const stream = createEventStream(event)
      void (async () => {
        for (let i = 0; i < count; i++) {
          const { event, id, data } = kind.messages[i & kind.mask] ?? { data: '' }
          await stream.push({ event, id, data: dataText(data) } as EventStreamMessage)
        }
        await stream.close()
      })()
      return stream.send()
    })
}

/**
 * The limit on a web-standard server (Bun.serve, Deno.serve): hand-formatted events, 64 joined per
 * chunk, one `enqueue` per `pull()`: the in-process part's `hand-coalesced`.
 */
export function handStreamFetch(request: Request): Response {
  const url = new URL(request.url)
  if (url.pathname === '/ready') return new Response(currentRuntimeVersion())
  const { count, kind } = streamRequest(request.url)
  return handCoalesced.prepare(kind)(count) as Response
}
