import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineProject } from 'vitest/config'

// Inside workerd, beside the Worker in test/worker/wrangler.jsonc: real Durable Objects with
// SQLite storage, isolated per test file.
export default defineProject({
  plugins: [cloudflareTest({ wrangler: { configPath: './test/worker/wrangler.jsonc' } })],
  test: {
    name: 'cloudflare',
    include: ['test/worker/**/*.test.ts'],
    // A guard against hangs, not a speed check: on a loaded 2-core CI machine a cold workerd
    // or a busy event loop takes far longer than vitest's 5 s default.
    testTimeout: 30_000,
  },
})
