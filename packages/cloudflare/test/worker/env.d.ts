// The bindings of test/worker/wrangler.jsonc, as `wrangler types` would declare them.
declare namespace Cloudflare {
  interface Env {
    CHANNELS: DurableObjectNamespace<import('../../src/index.ts').SSEChannelObject>
    SMALL: DurableObjectNamespace<import('./main.ts').SmallChannel>
    SHORT: DurableObjectNamespace<import('./main.ts').ShortLivedChannel>
    RACING: DurableObjectNamespace<import('./main.ts').RacingChannel>
    RACING_SMALL: DurableObjectNamespace<import('./main.ts').RacingSmallChannel>
    BROKEN: DurableObjectNamespace<import('./main.ts').BrokenChannel>
    CONTRACT: DurableObjectNamespace<import('./main.ts').ContractChannel>
    FRAGILE: DurableObjectNamespace<import('./main.ts').FragileChannel>
  }
}
