/**
 * The contenders of the throughput part: each turns `count` events of a kind into a web
 * `Response`, in process; routers and formatters are made once, outside timing. The report
 * divides by `hono` and by `hand-coalesced` (the limit).
 */
import { type SSEMessage, sseResponse } from '@ssekit/core'
import { createResponse } from 'better-sse'
import { type EventSourceMessage, encode } from 'eventsource-encoder'
import { Hono } from 'hono'
import { at, h3App, handCoalesced, honoStream, pulled } from '../framework-streams.ts'
import { dataText, formatByHand, type MessageKind } from '../messages.ts'

// `ready`: awaiting only when the buffer is full, as with Node's `stream.write()`.
const ssekit = (ready: boolean) => (kind: MessageKind, count: number) =>
  sseResponse(
    async (sink) => {
      for (let i = 0; i < count; i++) {
        const accepted = sink.send(at(kind, i) as SSEMessage)
        if (ready ? !sink.ready && !(await accepted) : !(await accepted)) return
      }
    },
    { heartbeat: false },
  )

type App = { fetch(request: Request): Response | Promise<Response> }
const served = (app: App) => (kind: MessageKind, count: number) =>
  app.fetch(new Request(`http://bench.local/?kind=${kind.name}&n=${count}`))

/** A way to stream events as a web `Response`: a library, or a hand-written baseline. */
export interface Contender {
  name: string
  stream(kind: MessageKind, count: number): Response | Promise<Response>
  /** The `data` a client receives for a message's `data`. @defaultValue {@link dataText} */
  expectedData?: (data: unknown) => string
}

/** Every contender, in report order. */
export const CONTENDERS: readonly Contender[] = [
  { name: 'ssekit', stream: ssekit(false) },
  { name: 'ssekit-ready', stream: ssekit(true) },
  { name: 'hono', stream: served(new Hono().get('/*', honoStream)) },
  { name: 'h3', stream: served(h3App()) },
  {
    // Fetch mode. `push()` has no backpressure; the session ends when the request aborts. It
    // JSON-serialises every `data`, strings too (a serializer that passes strings through loses a
    // multi-line string's lines after the first), so it runs as its users run it.
    name: 'better-sse',
    expectedData: (data) => JSON.stringify(data),
    stream(kind, count) {
      const request = new AbortController()
      const options = { keepAlive: null, retry: null }
      return createResponse(
        new Request('http://bench.local/', { signal: request.signal }),
        options,
        (session) => {
          for (let i = 0; i < count; i++) {
            const { event, id, data } = at(kind, i)
            session.push(data, event, id)
          }
          request.abort()
        },
      )
    },
  },
  {
    name: 'eventsource-encoder',
    stream(kind, count) {
      let i = 0
      return pulled(() => {
        if (i >= count) return undefined
        const { event, id, data } = at(kind, i++)
        return encode({ event, id, data: dataText(data) } as EventSourceMessage)
      })
    },
  },
  {
    name: 'hand-chunked',
    stream(kind, count) {
      let i = 0
      return pulled(() => (i < count ? formatByHand(at(kind, i++)) : undefined))
    },
  },
  { name: 'hand-coalesced', stream: handCoalesced },
]
