/**
 * The ssekit ticker on Cloudflare Workers: the shared app, one per isolate, so `/stats` counts the
 * streams this isolate holds open. The `/events` feed is one Durable Object channel, so every
 * isolate serves the same feed, and its history survives restarts in the object's SQLite.
 *
 * @module
 */
import { env } from 'cloudflare:workers'
import { createApp, type FeedEvents } from '@ssekit/app'
import { durableChannel, SSEChannelObject } from '@ssekit/cloudflare'

// The class the FEED binding in wrangler.jsonc names: the runtime finds it among the exports.
export { SSEChannelObject }

// Browsers wait about 3 s before reconnecting; one second keeps the demo snappy, as on Node.
const feed = durableChannel<FeedEvents>(env.FEED, 'feed', { retry: 1000 })
const app = createApp({ feed })

export default {
  fetch(request, env, ctx) {
    // Cloudflare (and wrangler dev) compresses responses itself, after the Worker: hiding
    // Accept-Encoding keeps the app's compress() from gzipping every body a second time.
    const headers = new Headers(request.headers)
    headers.delete('accept-encoding')
    return app.fetch(new Request(request, { headers, signal: request.signal }), env, ctx)
  },
} satisfies ExportedHandler<Env>
