/**
 * The servers of the fan-out part, one contender each: every one holds its clients' streams on
 * the runtime's own server and broadcasts event `seq` to all of them when told to.
 */
import { EventEmitter } from 'node:events'
import type { ServerResponse } from 'node:http'
import { subscribe } from '@ssekit/hono'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { createChannel } from '../channel.ts'
import { EVENT_STREAM_HEADERS, formatByHand } from '../messages.ts'
import type { Served } from '../server.ts'

/** One contender's side: how many clients it holds, and one event to all of them. */
export interface Broadcaster {
  subscribers(): number
  publish(seq: number): void
}

const TEXT = 'x'.repeat(64)

/** Event `seq`: its ID and data. Zero-padded, so every event of a run has the same length. */
export function fanoutEvent(seq: number): { id: string; data: { seq: string; text: string } } {
  const padded = String(seq).padStart(10, '0')
  return { id: padded, data: { seq: padded, text: TEXT } }
}

// Longer than any run: a timer per stream as users have it, but no comment among the events.
const HEARTBEAT_MS = 600_000

/** The contender `name`, on the runtime running it (`node` tells Node from Bun and Deno). */
export function serve(name: string, node: boolean): Served & { broadcaster: Broadcaster } {
  if (name === 'ssekit' || name === 'ssekit-web') {
    // One channel, `subscribe(c, channel)` in a Hono route, as the README and the shared app
    // have it; `-web` returns `channel.subscribe(c.req.raw)` as it is: on Node the web stream
    // through the adapter's pump, the path without the fast path.
    // The channel assigns IDs: it issues each event's sequence number, as the others send it.
    let nextId = ''
    const channel = createChannel({ heartbeat: HEARTBEAT_MS, generateId: () => nextId })
    const app = new Hono().get('/events', (c) =>
      name === 'ssekit' ? subscribe(c, channel) : channel.subscribe(c.req.raw),
    )
    const publish = (seq: number) => {
      const { id, data } = fanoutEvent(seq)
      nextId = id
      void channel.publish({ data })
    }
    return { fetch: app.fetch, broadcaster: { subscribers: () => channel.size, publish } }
  }
  if (name === 'hono') {
    // As Hono users write a broadcast: `streamSSE` per client, each listening on one
    // `EventEmitter` and calling `writeSSE()`; the publisher serialises the data once.
    const emitter = new EventEmitter().setMaxListeners(0)
    const app = new Hono().get('/events', (c) =>
      streamSSE(c, async (stream) => {
        const listener = (message: { id: string; data: string }) => void stream.writeSSE(message)
        emitter.on('event', listener)
        await new Promise<void>((resolve) => stream.onAbort(resolve))
        emitter.off('event', listener)
      }),
    )
    const broadcaster = {
      subscribers: () => emitter.listenerCount('event'),
      publish(seq: number) {
        const { id, data } = fanoutEvent(seq)
        emitter.emit('event', { id, data: JSON.stringify(data) })
      },
    }
    return { fetch: app.fetch, broadcaster }
  }
  if (name === 'hand' && node) {
    // Node's limit: `node:http`, the event formatted into one `Buffer`, `res.write()` to each.
    const clients = new Set<ServerResponse>()
    const broadcaster = {
      subscribers: () => clients.size,
      publish(seq: number) {
        const bytes = Buffer.from(formatByHand(fanoutEvent(seq)))
        for (const client of clients) client.write(bytes)
      },
    }
    return {
      listener(_, response) {
        response.writeHead(200, EVENT_STREAM_HEADERS).write(':\n\n')
        clients.add(response)
        response.once('close', () => clients.delete(response))
      },
      broadcaster,
    }
  }
  // `hand` on Bun and Deno, `hand-web` on Node through `@hono/node-server`: one `ReadableStream`
  // per client, the event formatted and encoded once and enqueued to each.
  const encoder = new TextEncoder()
  const clients = new Set<ReadableStreamDefaultController<Uint8Array>>()
  const broadcaster = {
    subscribers: () => clients.size,
    publish(seq: number) {
      const bytes = encoder.encode(formatByHand(fanoutEvent(seq)))
      for (const client of clients) client.enqueue(bytes)
    },
  }
  return {
    fetch() {
      let client: ReadableStreamDefaultController<Uint8Array> | undefined
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          client = controller
          clients.add(controller)
          controller.enqueue(encoder.encode(':\n\n'))
        },
        cancel: () => void (client && clients.delete(client)),
      })
      return new Response(body, { headers: EVENT_STREAM_HEADERS })
    },
    broadcaster,
  }
}
