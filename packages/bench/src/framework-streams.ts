/**
 * The routes both streaming parts serve, in process (throughput) and over a socket
 * (socket-stream): each streams `?n=` events of the message kind `?kind=`, then ends.
 */
import { createEventStream, type EventStreamMessage, H3 } from 'h3'
import type { Context } from 'hono'
import { type SSEMessage as HonoMessage, streamSSE } from 'hono/streaming'
import {
  type BenchMessage,
  dataText,
  EVENT_STREAM_HEADERS,
  handChunks,
  type MessageKind,
  messageKind,
} from './messages.ts'

/** What a framework route reads from its URL: `?kind=small-json&n=20000`. */
export function streamQuery(url: string): { kind: MessageKind; count: number } {
  const params = new URL(url, 'http://bench.local').searchParams
  return { kind: messageKind(params.get('kind')), count: Number(params.get('n')) }
}

/** The i-th event of a kind. */
export const at = (kind: MessageKind, i: number) => kind.messages[i & kind.mask] as BenchMessage

/** Hono's `streamSSE`, `await stream.writeSSE()` per event: a route the socket part serves too. */
export const honoStream = (c: Context): Response => {
  const { kind, count } = streamQuery(c.req.url)
  return streamSSE(c, async (stream) => {
    for (let i = 0; i < count; i++) {
      const { event, id, data } = at(kind, i)
      await stream.writeSSE({ event, id, data: dataText(data) } as HonoMessage)
    }
  })
}

/** h3 2.x `createEventStream`, `await stream.push()` per event; the socket part serves it too. */
export const h3App = (): H3 =>
  new H3().get('/**', (event) => {
    const { kind, count } = streamQuery(event.req.url)
    const stream = createEventStream(event)
    void (async () => {
      for (let i = 0; i < count; i++) {
        const { event, id, data } = at(kind, i)
        await stream.push({ event, id, data: dataText(data) } as EventStreamMessage)
      }
      await stream.close()
    })()
    return stream.send()
  })

const encoder = new TextEncoder()

/** A `ReadableStream` response whose `pull()` enqueues what `next` returns, until undefined. */
export function pulled(next: () => string | undefined): Response {
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const text = next()
      if (text === undefined) controller.close()
      else controller.enqueue(encoder.encode(text))
    },
  })
  return new Response(body, { headers: EVENT_STREAM_HEADERS })
}

/** As {@link pulled}, for an async `next`: each pull waits for it. */
export function pulledAsync(next: () => Promise<string | undefined>): Response {
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const text = await next()
      if (text === undefined) controller.close()
      else controller.enqueue(encoder.encode(text))
    },
  })
  return new Response(body, { headers: EVENT_STREAM_HEADERS })
}

/** Hand-formatted, 64 events per chunk and one encode each: the practical limit. */
export function handCoalesced(kind: MessageKind, count: number): Response {
  const chunks = handChunks(kind, count)
  return pulled(() => chunks.next().value ?? undefined)
}
