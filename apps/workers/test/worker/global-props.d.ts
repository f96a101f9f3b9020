// Types `exports` from 'cloudflare:workers' as the Worker's own module, the way `wrangler types`
// would, so tests call `exports.default.fetch()` with checked types.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../../src/index.ts')
  }
}
