/**
 * The fan-out contenders that answer through a fetch handler on the runtime's own server:
 * ssekit's channel and Hono's `streamSSE` (both through Hono), and on Bun and Deno the
 * hand-written broadcast (one `ReadableStream` per client, the same bytes enqueued into each).
 */
import { EventEmitter } from 'node:events'
import { createChannel } from '@ssekit/channel'
import { directWrite } from '@ssekit/hono/node'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { currentRuntimeVersion } from '../runtime.ts'
import { formatByHand } from '../throughput/contenders/hand.ts'
import { type Broadcaster, fanoutEvent } from './event.ts'

type FetchHandler = (request: Request) => Response | Promise<Response>

// Longer than any run: a timer per stream as users have it, but no comment among the events.
const HEARTBEAT_MS = 600_000

/**
 * ssekit: one channel, `channel.subscribe(c.req.raw)` in a Hono route, as the shared app does;
 * `direct` adds `@ssekit/hono/node`'s `directWrite()` (Node's opt-in fast path).
 */
export function ssekitBroadcaster(direct = false): Broadcaster & { fetch: FetchHandler } {
  // The channel assigns IDs: it issues each event's sequence number, as the others send it.
  let nextId = ''
  const channel = createChannel({ heartbeat: HEARTBEAT_MS, generateId: () => nextId })
  const app = new Hono()
  if (direct) app.use('/events', directWrite())
  app
    .get('/ready', (c) => c.text(currentRuntimeVersion()))
    .get('/events', (c) => channel.subscribe(c.req.raw))
  return {
    fetch: app.fetch,
    get subscribers() {
      return channel.size
    },
    publish: (seq) => {
      const { id, data } = fanoutEvent(seq)
      nextId = id
      void channel.publish({ data })
    },
  }
}

/**
 * Hono as its users write a broadcast: `streamSSE` per client, listening on one `EventEmitter`,
 * each listener calling `writeSSE()`; the publisher serialises the data once.
 */
export function honoBroadcaster(): Broadcaster & { fetch: FetchHandler } {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const app = new Hono()
    .get('/ready', (c) => c.text(currentRuntimeVersion()))
    .get('/events', (c) =>
      streamSSE(c, async (stream) => {
        const listener = (message: { id: string; data: string }) => void stream.writeSSE(message)
        emitter.on('event', listener)
        await new Promise<void>((resolve) => stream.onAbort(resolve))
        emitter.off('event', listener)
      }),
    )
  return {
    fetch: app.fetch,
    get subscribers() {
      return emitter.listenerCount('event')
    },
    publish(seq) {
      const { id, data } = fanoutEvent(seq)
      emitter.emit('event', { id, data: JSON.stringify(data) })
    },
  }
}

const HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }

/** The limit on a fetch-handler server: the event formatted and encoded once, enqueued to all. */
export function webHandBroadcaster(): Broadcaster & { fetch: FetchHandler } {
  const encoder = new TextEncoder()
  const clients = new Set<ReadableStreamDefaultController<Uint8Array>>()
  return {
    fetch(request) {
      if (new URL(request.url).pathname === '/ready') {
        return new Response(currentRuntimeVersion())
      }
      let client: ReadableStreamDefaultController<Uint8Array> | undefined
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          client = controller
          clients.add(controller)
          controller.enqueue(encoder.encode(':\n\n'))
        },
        cancel() {
          if (client) clients.delete(client)
        },
      })
      return new Response(body, { headers: HEADERS })
    },
    get subscribers() {
      return clients.size
    },
    publish(seq) {
      const bytes = encoder.encode(formatByHand(fanoutEvent(seq)))
      for (const client of clients) client.enqueue(bytes)
    },
  }
}
