import { Hono } from 'hono'
import {
  type FeedMessage,
  MAX_FEED_BODY_BYTES,
  parseFeedMessage,
  readCappedText,
} from '../feed-message.ts'
import { FEED_PAGE_HTML } from '../feed-page-html.ts'
import type { RouteModule } from '../route-module.ts'

const CLIENT_ID = /^[A-Za-z0-9-]{1,64}$/

/**
 * The live feed: `GET /events` subscribes (replaying from `Last-Event-ID`), `POST /events`
 * publishes `{"from", "text"}`, `POST /events/drop?client=` closes one client's stream so it
 * reconnects and resumes, and `GET /feed` is a page where tabs chat through it.
 */
export const feedRoutes: RouteModule = ({ stats, feed: channel }) => {
  // Streams opened with `?client=`, so a test or the page's button can drop one.
  const droppable = new Map<string, AbortController>()
  return new Hono()
    .get('/feed', (c) => c.html(FEED_PAGE_HTML))
    .get('/events', async (c) => {
      const client = c.req.query('client')
      if (client !== undefined && !CLIENT_ID.test(client)) {
        return c.text('Cannot subscribe: `client` must be 1 to 64 letters, digits or dashes', 400)
      }
      const drop = new AbortController()
      const track = stats.track()
      if (client !== undefined) {
        droppable.get(client)?.abort()
        droppable.set(client, drop)
      }
      const response = await channel.subscribe(c.req.raw, {
        signal: AbortSignal.any([c.req.raw.signal, drop.signal]),
        onClose: (reason) => {
          if (client !== undefined && droppable.get(client) === drop) droppable.delete(client)
          track(reason)
        },
      })
      // Through `c.body()`, like `sse()`, so middleware headers reach the client too.
      return c.body(response.body as ReadableStream<Uint8Array>, response)
    })
    .post('/events', async (c) => {
      if (!c.req.header('content-type')?.startsWith('application/json')) {
        return c.text('Cannot publish: send `content-type: application/json`', 400)
      }
      let message: FeedMessage
      try {
        const text = await readCappedText(c.req.raw, MAX_FEED_BODY_BYTES)
        if (text === undefined) {
          return c.text(`Cannot publish: the body is over ${MAX_FEED_BODY_BYTES} bytes`, 400)
        }
        message = parseFeedMessage(JSON.parse(text))
      } catch (error) {
        if (error instanceof SyntaxError) return c.text('Cannot publish: the body is not JSON', 400)
        if (error instanceof TypeError) return c.text(error.message, 400)
        throw error
      }
      let id: string
      try {
        id = await channel.publish({
          event: 'chat',
          data: { ...message, at: new Date().toISOString() },
        })
      } catch (error) {
        // The feed's store is down (Redis restarting, say): the client may retry, so 503, not 500.
        if (error instanceof Error && error.name === 'RedisUnavailableError') {
          c.header('retry-after', '1')
          return c.text(error.message, 503)
        }
        throw error
      }
      return c.json({ id }, 201)
    })
    .post('/events/drop', (c) => {
      const drop = droppable.get(c.req.query('client') ?? '')
      if (drop === undefined) return c.text('No such client', 404)
      drop.abort()
      return c.body(null, 204)
    })
}
