/**
 * The ssekit ticker on Cloudflare Workers: the shared app, one per isolate, so `/stats` counts the
 * streams this isolate holds open.
 *
 * @module
 */
import { createApp } from '@ssekit/app'

const app = createApp()

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler
