import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineProject } from 'vitest/config'

// Inside workerd, beside the Worker in test/worker/wrangler.jsonc: real Durable Objects with
// SQLite storage and alarms.
export default defineProject({
  plugins: [cloudflareTest({ wrangler: { configPath: './test/worker/wrangler.jsonc' } })],
  test: {
    name: 'resumable-workerd',
    include: ['test/worker/**/*.test.ts'],
    // A guard against hangs, not a speed check.
    testTimeout: 30_000,
  },
})
