// The bindings of test/worker/wrangler.jsonc, as `wrangler types` would declare them.
declare namespace Cloudflare {
  interface Env {
    STREAMS: DurableObjectNamespace<import('./main.ts').TestStreams>
    SHORT: DurableObjectNamespace<import('./main.ts').ShortStreams>
    LEASE: DurableObjectNamespace<import('./main.ts').LeaseStreams>
  }
}
