import { ChannelUnavailableError } from '@ssekit/channel'
import { compression } from '@ssekit/compress'
import { subscribe } from '@ssekit/hono'
import { Hono } from 'hono'
import { checkBearer } from '../bearer-token.ts'
import { readCappedText } from '../capped-body.ts'
import { DROP_TOKEN_EVENT, DROP_TOKEN_HEADER, DropTokens } from '../drop-tokens.ts'
import { endableBody } from '../endable-body.ts'
import { type FeedMessage, MAX_FEED_BODY_BYTES, parseFeedMessage } from '../feed-message.ts'
import { FEED_PAGE_HTML } from '../feed-page-html.ts'
import { isJsonContentType } from '../media-type.ts'
import { openStream } from '../open-stream.ts'
import type { RouteModule } from '../route-module.ts'

/**
 * The live feed: `GET /events` subscribes (replaying from `Last-Event-ID`) and first hands the
 * stream its own drop token, `POST /events` publishes `{"from", "text"}`, `POST /events/drop`
 * with that token closes that one stream so it reconnects and resumes, and `GET /feed` is a page
 * where tabs chat through it.
 */
export const feedRoutes: RouteModule = (deps) => {
  const channel = deps.feed
  const drops = new DropTokens()
  return new Hono()
    .get('/feed', (c) => c.html(FEED_PAGE_HTML))
    .get('/events', async (c) => {
      const bearer = await checkBearer(c.req.raw, deps.verifyToken)
      if (bearer instanceof Response) return bearer
      // Counted and registered before subscribe(): a HEAD request, or a client already gone,
      // closes inside it, and that onClose must find both to undo.
      const untrack = openStream(deps, c)
      if (untrack instanceof Response) return untrack
      const { token, signal } = drops.issue()
      const compress = compression(c.req.raw, { encodings: ['br', 'gzip', 'deflate'] })
      // Set once the response carries a stream: only then is there a connection to end.
      let endConnection: (() => void) | undefined
      let ended = false
      let response: Response
      try {
        // subscribe() sends it through `c.body()`, like `sse()`, so middleware headers reach the
        // client too; under @hono/node-server it writes to the socket directly.
        response = await subscribe(c, channel, {
          signal: AbortSignal.any([c.req.raw.signal, signal]),
          // The stream's own drop token, before anything else: only this stream receives it.
          initialEvent: { event: DROP_TOKEN_EVENT, data: { token } },
          // Compressed as the client accepts, flushed per event. The drop token is a secret beside
          // posted (attacker-chosen) text: it goes out first, before any post can share the window
          // with it, and is only good for closing this one stream (see the BREACH notes).
          compress,
          expiresAt: bearer.expiresAt,
          onClose: (reason) => {
            drops.forget(token)
            untrack(reason)
            // The feed ended this stream itself: a client too slow to keep up (whose socket may
            // take no more bytes), or the feed closing. Its connection goes too, rather than stay
            // open for a client that may never read again. A drain's streams end whole, their
            // retry hint last: cutting the connection could lose it.
            if (reason !== 'server' || deps.drain?.draining) return
            ended = true
            endConnection?.()
          },
        })
      } catch (error) {
        // A refused subscribe (or a backend out of reach) opened no stream: count it out again.
        drops.forget(token)
        untrack('error')
        throw error
      }
      if (response.body === null) return response
      // Where the runtime can close a connection itself (Node, Bun, Workers) the body passes
      // through untouched, so on Node it still goes to the socket directly; elsewhere (Deno) it
      // is wrapped so that erroring it ends the connection.
      const { body, end } = endableBody(response.body, c, deps.closeConnection)
      endConnection = end
      if (ended) end()
      // `response` already carries the middleware headers that subscribe() sent with c.body().
      return body === response.body ? response : new Response(body, response)
    })
    .post('/events', async (c) => {
      if (!isJsonContentType(c.req.header('content-type'))) {
        return c.text('Cannot publish: send `content-type: application/json`', 415)
      }
      let message: FeedMessage
      try {
        const text = await readCappedText(c.req.raw, MAX_FEED_BODY_BYTES)
        if (text === undefined) {
          return c.text(`Cannot publish: the body is over ${MAX_FEED_BODY_BYTES} bytes`, 413)
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
        // The feed's backend is away (Redis restarting, say): the client may retry, so 503.
        if (error instanceof ChannelUnavailableError) {
          c.header('retry-after', String(error.retryAfter))
          return c.text(error.message, 503)
        }
        throw error
      }
      return c.json({ id }, 201)
    })
    .post('/events/drop', (c) => {
      const token = c.req.header(DROP_TOKEN_HEADER)
      if (token === undefined || token === '') {
        return c.text(
          `Cannot drop: send the stream's token (its first \`${DROP_TOKEN_EVENT}\` event) in the \`${DROP_TOKEN_HEADER}\` header`,
          400,
        )
      }
      if (!drops.drop(token)) {
        return c.text(`Cannot drop: no open stream holds this \`${DROP_TOKEN_HEADER}\``, 404)
      }
      return c.body(null, 204)
    })
}
