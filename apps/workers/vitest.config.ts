import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineProject } from 'vitest/config'

// Unit tests inside workerd, against the Worker that wrangler.jsonc describes.
export default defineProject({
  plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.jsonc' } })],
  test: {
    name: 'workers',
    include: ['test/worker/**/*.test.ts'],
    // A guard against hangs, not a speed check: on a loaded 2-core CI machine a cold workerd
    // or a busy event loop takes far longer than vitest's 5 s default, and the first
    // request of a file also loads the Worker (the AI SDK and zod included).
    testTimeout: 60_000,
  },
})
