import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineProject } from 'vitest/config'

// Unit tests inside workerd, against the Worker that wrangler.jsonc describes.
export default defineProject({
  plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.jsonc' } })],
  test: { name: 'workers', include: ['test/worker/**/*.test.ts'] },
})
