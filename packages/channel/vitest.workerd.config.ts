import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineProject } from 'vitest/config'

// The portable tests again, inside workerd: the core must run on web APIs alone.
export default defineProject({
  plugins: [
    cloudflareTest({
      miniflare: {
        // The newest date the plugin's own workerd supports, as in apps/workers/wrangler.jsonc. The
        // plugin turns on Node.js compatibility for its runner; tsconfig (types: []) keeps Node out.
        compatibilityDate: '2026-11-09',
        compatibilityFlags: ['enable_request_signal'],
      },
    }),
  ],
  test: {
    name: 'channel-workerd',
    include: ['test/portable/**/*.test.ts'],
    setupFiles: ['@ssekit/testkit/assert-workerd'],
    // workerd fires due timers about one per millisecond (1000 parallel setTimeout(0) take ~1 s,
    // 4 ms in Node), so the 1000-stream disconnect storm needs ~20 s here.
    testTimeout: 60_000,
  },
})
