import { GAP_EVENT } from '@ssekit/channel'
import { events, type ServerEvent } from '@ssekit/client'
import { relay } from '@ssekit/client/relay'
import { SSE_HEADERS } from '@ssekit/core'
import { requestedLastEventId } from '@ssekit/core/backend'
import { Hono } from 'hono'
import { checkBearer } from '../bearer-token.ts'
import { ClientStreams } from '../client-streams.ts'
import { parseInterval } from '../interval.ts'
import { openStream } from '../open-stream.ts'
import { RelayIds } from '../relay-ids.ts'
import type { RouteModule } from '../route-module.ts'
import { tickerRoutes } from './ticker.ts'

// Never resolved by anyone: the ticker is read in process, through its Hono app, not over HTTP.
const TICKER_URL = 'http://ticker.internal/sse'
// As channels name it: the client's ID, cut to this many characters.
const MAX_NAMED_ID = 1024

/**
 * `GET /relay`: the app's own ticker (`?interval=` as for `/sse`), read with `@ssekit/client` and
 * relayed with `event: tick` and an `id:` per tick. The upstream is fetched in process and its
 * URL is fixed, so nothing the client sends can point the relay elsewhere (no SSRF). When the
 * client leaves, the upstream ticker stream is cancelled too: `/stats` counts both streams.
 * A client resuming with an ID the relay never issued gets the `ssekit-gap` event first, then
 * ticks counted from 1.
 */
export const relayRoutes: RouteModule = (deps) => {
  // The upstream ticker stream is the relay's, not a client's: it counts in /stats, not in a cap.
  const ticker = tickerRoutes({ ...deps, clients: new ClientStreams({ max: false }) })
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
    const onClose = openStream(deps, c)
    if (onClose instanceof Response) return onClose
    const signal = c.req.raw.signal
    // A reconnecting client counts on from the last tick it saw.
    const ids = new RelayIds(requestedLastEventId(c.req.raw))
    const ticks = events(`${TICKER_URL}?interval=${interval}`, {
      signal,
      fetch: (request) => ticker.fetch(request),
    })
    // An ID the relay cannot have issued: say so first, without an `id`, then count from 1.
    const gap: Upstream | undefined =
      ids.unreadable === undefined
        ? undefined
        : { event: GAP_EVENT, data: { lastEventId: ids.unreadable.slice(0, MAX_NAMED_ID) }, id: '' }
    const response = relay(gap ? startingWith(gap, ticks) : ticks, {
      signal,
      onClose,
      // The client's token ends our stream; the ticker upstream is ours and needs none.
      expiresAt: bearer.expiresAt,
      transform: (tick) =>
        tick === gap
          ? { event: GAP_EVENT, data: tick.data }
          : { event: 'tick', id: ids.next(), data: tick.data },
    })
    // Through `c.body()`, like `sse()`, so middleware headers reach the client too.
    return c.body(response.body as ReadableStream<Uint8Array>, response)
  })
}

type Upstream = ServerEvent<string, unknown>

// `first`, then what `rest` yields. Not a generator: its `return()` would wait behind a pending
// tick, where this one cancels the upstream ticker at once.
function startingWith(first: Upstream, rest: AsyncIterable<Upstream>): AsyncIterable<Upstream> {
  return {
    [Symbol.asyncIterator]: () => {
      const iterator = rest[Symbol.asyncIterator]()
      let head: Upstream | undefined = first
      return {
        next: () => {
          const value = head
          head = undefined
          return value === undefined ? iterator.next() : Promise.resolve({ done: false, value })
        },
        return: async () => {
          await iterator.return?.()
          return { done: true, value: undefined }
        },
      }
    },
  }
}
