import { events } from '@ssekit/client'
import { relay } from '@ssekit/client/relay'
import { lastEventId, SSE_HEADERS } from '@ssekit/core'
import { Hono } from 'hono'
import { checkBearer } from '../bearer-token.ts'
import { parseInterval } from '../interval.ts'
import type { RouteModule } from '../route-module.ts'
import { tickerRoutes } from './ticker.ts'

// Never resolved by anyone: the ticker is read in process, through its Hono app, not over HTTP.
const TICKER_URL = 'http://ticker.internal/sse'

/**
 * `GET /relay`: the app's own ticker (`?interval=` as for `/sse`), read with `@ssekit/client` and
 * relayed with `event: tick` and an `id:` per tick. The upstream is fetched in process and its
 * URL is fixed, so nothing the client sends can point the relay elsewhere (no SSRF). When the
 * client leaves, the upstream ticker stream is cancelled too: `/stats` counts both streams.
 */
export const relayRoutes: RouteModule = (deps) => {
  const ticker = tickerRoutes(deps)
  return new Hono().get('/relay', async (c) => {
    let interval: number
    try {
      interval = parseInterval(c.req.query('interval'))
    } catch (error) {
      if (error instanceof RangeError) return c.text(error.message, 400)
      throw error
    }
    const bearer = await checkBearer(c.req.raw, deps.verifyToken)
    if (bearer instanceof Response) return bearer
    // As `sse()` does: Hono answers HEAD by dropping the body unread, so start nothing.
    if (c.req.method === 'HEAD') return c.body(null, 200, { ...SSE_HEADERS })
    const signal = c.req.raw.signal
    // A reconnecting client counts on from the last tick it saw.
    let count = Number(lastEventId(c.req.raw) ?? '0') || 0
    const upstream = events(`${TICKER_URL}?interval=${interval}`, {
      signal,
      fetch: (request) => ticker.fetch(request),
    })
    const response = relay(upstream, {
      signal,
      onClose: deps.stats.track(),
      // The client's token ends our stream; the ticker upstream is ours and needs none.
      expiresAt: bearer.expiresAt,
      transform: (tick) => ({ event: 'tick', id: String(++count), data: tick.data }),
    })
    // Through `c.body()`, like `sse()`, so middleware headers reach the client too.
    return c.body(response.body as ReadableStream<Uint8Array>, response)
  })
}
