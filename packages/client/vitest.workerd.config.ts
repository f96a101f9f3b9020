import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineProject } from 'vitest/config'

// The portable tests again, inside workerd: the client and the relay run on web APIs alone. The
// hostile upstream answers in process there (workerd cannot listen on a socket).
export default defineProject({
  plugins: [
    cloudflareTest({
      miniflare: {
        // As in packages/core/vitest.workerd.config.ts and apps/workers/wrangler.jsonc.
        compatibilityDate: '2026-11-09',
        compatibilityFlags: ['enable_request_signal'],
      },
    }),
  ],
  test: {
    name: 'client-workerd',
    include: ['test/portable/**/*.test.ts'],
    setupFiles: ['@ssekit/testkit/assert-workerd'],
    testTimeout: 20_000,
  },
})
