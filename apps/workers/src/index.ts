/**
 * The ssekit ticker on Cloudflare Workers: the shared app, one per isolate, so `/stats` counts the
 * streams this isolate holds open. The `/events` feed is one Durable Object channel, so every
 * isolate serves the same feed, and its history survives restarts in the object's SQLite.
 *
 * @module
 */
import { env } from 'cloudflare:workers'
import { createApp, type FeedEvents } from '@ssekit/app'
import { createDurableChannel, SSEChannelObject } from '@ssekit/cloudflare'
import { ChatObject } from './chat-object.ts'
import { chatRoutes } from './chat-routes.ts'
import { durableGenerations, GenerationObject } from './generation-object.ts'

// The class the FEED binding in wrangler.jsonc names: the runtime finds it among the exports.
export { ChatObject, GenerationObject, SSEChannelObject }

// Browsers wait about 3 s before reconnecting; one second keeps the demo snappy, as on Node.
const feed = createDurableChannel<FeedEvents>(env.FEED, 'feed', { retry: 1000 })
// Cloudflare (and wrangler dev) always sends the Worker an Accept-Encoding and compresses what it
// returns by itself: the app's own compress() would gzip each body a second time. No cap on each
// client's streams (no `clientAddress`): the edge, not this isolate, holds the connections, and
// nothing to close when the feed drops a slow client: `closeConnection` does nothing, so the
// stream's body passes through untouched.
const app = createApp({
  compress: false,
  feed,
  generations: durableGenerations(env.GENERATIONS),
  closeConnection: () => {},
})
const chat = chatRoutes(env.CHATS)

export default {
  fetch: (request, env, ctx) => chat(request) ?? app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>
