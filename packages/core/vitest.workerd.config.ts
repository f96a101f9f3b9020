import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineProject } from 'vitest/config'

// The portable tests again, inside workerd: the core must run on web APIs alone.
export default defineProject({
  plugins: [
    cloudflareTest({
      miniflare: {
        // The newest date the plugin's own workerd supports; no nodejs_compat, no Node APIs.
        compatibilityDate: '2026-11-09',
        compatibilityFlags: ['enable_request_signal'],
      },
    }),
  ],
  test: {
    name: 'core-workerd',
    include: ['test/portable/**/*.test.ts'],
    setupFiles: ['test/workerd/assert-workerd.ts'],
  },
})
