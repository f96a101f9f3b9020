// The bindings of wrangler.jsonc, as `wrangler types` would declare them.
interface Env {
  FEED: DurableObjectNamespace<import('@ssekit/cloudflare').SSEChannelObject>
  GENERATIONS: DurableObjectNamespace<import('./generation-object.ts').GenerationObject>
  CHATS: DurableObjectNamespace<import('./chat-object.ts').ChatObject>
}
declare namespace Cloudflare {
  interface Env {
    FEED: DurableObjectNamespace<import('@ssekit/cloudflare').SSEChannelObject>
    GENERATIONS: DurableObjectNamespace<import('./generation-object.ts').GenerationObject>
    CHATS: DurableObjectNamespace<import('./chat-object.ts').ChatObject>
  }
}
