/**
 * The Worker of the durable-object part, under `wrangler dev`. Two ways to serve one channel:
 *
 * - `object`: `@ssekit/cloudflare`. The stream lives in this Worker, linked to the channel's object
 *   over a hibernatable WebSocket (`/object/events`, `/object/publish`).
 * - `direct`: the object's own `fetch` returns the stream of an in-memory channel it holds
 *   (`/direct/events`, `/direct/publish`): the naive pattern, with a request in flight per client.
 *
 * `GET /lifecycle` counts how often each object was constructed, from this isolate's module
 * scope (objects of this script run in the same isolate under wrangler dev), without waking them:
 * a new construction after an idle spell means the runtime had evicted (hibernated) the object.
 */

import { DurableObject } from 'cloudflare:workers'
import { type ChannelNamespace, createDurableChannel, SSEChannelObject } from '@ssekit/cloudflare'
import { type Channel, createChannel } from '../channel.ts'

const constructions = { object: 0, direct: 0 }

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
    return new Response('Not found', { status: 404 })
  },
}
