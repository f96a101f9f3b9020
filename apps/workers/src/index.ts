/**
 * The ssekit ticker on Cloudflare Workers: the shared app, one per isolate, so `/stats` counts the
 * streams this isolate holds open.
 *
 * @module
 */
import { createApp } from '@ssekit/app'

const app = createApp()

export default {
  fetch(request, env, ctx) {
    // Cloudflare (and wrangler dev) compresses responses itself, after the Worker: hiding
    // Accept-Encoding keeps the app's compress() from gzipping every body a second time.
    const headers = new Headers(request.headers)
    headers.delete('accept-encoding')
    return app.fetch(new Request(request, { headers, signal: request.signal }), env, ctx)
  },
} satisfies ExportedHandler
