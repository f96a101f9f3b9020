import { defineProject } from 'vitest/config'

// Node runs the portable tests and its own. Bun and Deno run this same config on test/portable
// (package.json's test:bun and test:deno); Workers are proven under `wrangler dev` in apps/workers.
export default defineProject({
  test: {
    name: 'compress',
    include: ['test/portable/**/*.test.ts', 'test/node/**/*.test.ts'],
    setupFiles: ['test/harness/expect-runtime.ts'],
    // A guard against hangs, not a speed check.
    testTimeout: 30_000,
  },
})
