// The feed's Durable Object served by a Worker of its own, so a test can stop and restart it
// while the app's Worker (split-app.jsonc) keeps its subscribers' streams open.
export { SSEChannelObject } from '@ssekit/cloudflare'

export default {
  fetch: () => new Response('The feed object lives here', { status: 404 }),
} satisfies ExportedHandler
