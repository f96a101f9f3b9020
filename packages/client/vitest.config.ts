import { defineProject } from 'vitest/config'

// On Node: the portable tests and the Node-only ones. `pnpm test` runs the portable folder again
// under Bun's and Deno's vitest, and inside workerd (vitest.workerd.config.ts).
export default defineProject({
  test: {
    name: 'client',
    include: ['test/portable/**/*.test.ts', 'test/node/**/*.test.ts'],
    setupFiles: ['@ssekit/testkit/expect-runtime'],
    testTimeout: 20_000,
  },
})
