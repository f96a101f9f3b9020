/**
 * The ssekit ticker on Cloudflare Workers: the shared app, one per isolate, so `/stats` counts the
 * streams this isolate holds open.
 *
 * @module
 */
import { createApp } from '@ssekit/app'

// Cloudflare (and wrangler dev) always sends the Worker an Accept-Encoding and compresses what it
// returns by itself: the app's own compress() would gzip each body a second time.
const app = createApp({ compress: false })

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler
