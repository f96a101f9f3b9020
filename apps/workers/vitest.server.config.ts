import { defineProject } from 'vitest/config'

// Node-side tests against the real toolchain: `wrangler dev` over HTTP (conformance suite and a
// real browser) and `wrangler deploy --dry-run`.
export default defineProject({
  test: {
    name: 'workers-server',
    environment: 'node',
    include: ['test/server/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
})
