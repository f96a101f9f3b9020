/**
 * The feed's Durable Object in a Worker of its own, for the tests against `wrangler dev`: they
 * stop and restart it while the app's Worker (app.jsonc) keeps its subscribers' streams open, as
 * a deploy or an outage of the object does on Cloudflare.
 *
 * @module
 */
export { SSEChannelObject } from '@ssekit/cloudflare'

export default {
  // Answers its readiness check; the feed reaches the object through the app's binding.
  fetch: () => new Response('The feed object is up'),
} satisfies ExportedHandler
