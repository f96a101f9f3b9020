// The bindings of wrangler.jsonc, as `wrangler types` would declare them.
interface Env {
  FEED: DurableObjectNamespace<import('@ssekit/cloudflare').SSEChannelObject>
}
declare namespace Cloudflare {
  interface Env {
    FEED: DurableObjectNamespace<import('@ssekit/cloudflare').SSEChannelObject>
  }
}
