/**
 * The Worker of the durable-object part, under `wrangler dev`. Two ways to serve one channel:
 *
 * - `object`: `@ssekit/cloudflare`. The stream lives in this Worker, linked to the channel's object
 *   over a hibernatable WebSocket (`/object/events`, `/object/publish`).
 * - `direct`: the object's own `fetch` returns the stream of an in-memory channel it holds
 *   (`/direct/events`, `/direct/publish`): the naive pattern, with a request in flight per client.
 * - `socket`: the anchor, no ssekit: a hand-written object that accepts each client's WebSocket
 *   with the hibernation API and sends every published message to all of them
 *   (`/socket/events`, `/socket/publish`).
 *
 * `GET /lifecycle` counts how often each object was constructed, from this isolate's module
 * scope (objects of this script run in the same isolate under wrangler dev), without waking them:
 * a new construction after an idle spell means the runtime had evicted (hibernated) the object.
 */

import { DurableObject } from 'cloudflare:workers'
import { type ChannelNamespace, createDurableChannel, SSEChannelObject } from '@ssekit/cloudflare'
import { type Channel, createChannel } from '../channel.ts'

const constructions = { object: 0, direct: 0, socket: 0 }

/** The hibernating channel object, counting its constructions. */
export class BenchChannel extends SSEChannelObject {
  constructor(...args: ConstructorParameters<typeof SSEChannelObject>) {
    super(...args)
    constructions.object++
  }
}

/** The direct mode: this object's `fetch` serves the stream itself, from memory. */
export class DirectChannel extends DurableObject {
  readonly #channel: Channel = createChannel()

  constructor(ctx: unknown, env: unknown) {
    super(ctx, env)
    constructions.direct++
  }

  fetch(request: Request): Promise<Response> {
    return this.#channel.subscribe(request)
  }

  /** Publishes to the streams this object holds. */
  publishDirect(data: string): Promise<string> {
    return this.#channel.publish({ data })
  }
}

/** The anchor: a hibernatable WebSocket broadcast, as the Durable Objects docs write one. */
export class SocketBroadcast extends DurableObject {
  // IDs unique across evictions: this instance's start, then a counter.
  readonly #epoch = Date.now()
  #seq = 0

  constructor(ctx: unknown, env: unknown) {
    super(ctx, env)
    constructions.socket++
  }

  async fetch(request: Request): Promise<Response> {
    if (request.method === 'POST') {
      const id = `${this.#epoch}-${++this.#seq}`
      const text = JSON.stringify({ id, data: await request.text() })
      for (const socket of this.ctx.getWebSockets()) socket.send(text)
      return new Response(id)
    }
    const pair = new WebSocketPair()
    this.ctx.acceptWebSocket(pair[1])
    return new Response(null, { status: 101, webSocket: pair[0] } as ResponseInit)
  }

  webSocketClose(socket: WebSocket, code: number): void {
    socket.close(code)
  }
}

interface DirectNamespace {
  idFromName(name: string): unknown
  get(id: unknown): {
    fetch(request: Request): Promise<Response>
    publishDirect(data: string): Promise<string>
  }
}

interface Env {
  OBJECT: ChannelNamespace
  DIRECT: DirectNamespace
  SOCKET: { idFromName(name: string): unknown; get(id: unknown): { fetch: typeof fetch } }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url)
    const post = request.method === 'POST'
    if (pathname === '/lifecycle') return Response.json(constructions)
    if (pathname === '/stats') return Response.json({ open: 0 })
    if (pathname.startsWith('/object/')) {
      const channel = createDurableChannel(env.OBJECT, 'bench')
      if (pathname === '/object/events') return channel.subscribe(request)
      if (pathname === '/object/publish' && post)
        return new Response(await channel.publish({ data: await request.text() }))
    }
    if (pathname.startsWith('/direct/')) {
      const stub = env.DIRECT.get(env.DIRECT.idFromName('bench'))
      if (pathname === '/direct/events') return stub.fetch(request)
      if (pathname === '/direct/publish' && post)
        return new Response(await stub.publishDirect(await request.text()))
    }
    if (pathname.startsWith('/socket/')) {
      const stub = env.SOCKET.get(env.SOCKET.idFromName('bench'))
      if (pathname === '/socket/events' || (pathname === '/socket/publish' && post))
        return stub.fetch(request)
    }
    return new Response('Not found', { status: 404 })
  },
}
