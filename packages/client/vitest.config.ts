import { defineProject } from 'vitest/config'

const isDeno = process.env.EXPECT_RUNTIME === 'deno'

// On Node: the portable tests and the Node-only ones. `pnpm test` runs the portable folder again
// under Bun's and Deno's vitest, and inside workerd (vitest.workerd.config.ts).
export default defineProject({
  test: {
    name: 'client',
    // Deno's runner adds test/deno (package.json's test:deno): only Deno has Web Locks.
    include: ['test/portable/**/*.test.ts', `test/${isDeno ? 'deno' : 'node'}/**/*.test.ts`],
    setupFiles: ['@ssekit/testkit/expect-runtime'],
    testTimeout: 20_000,
  },
})
