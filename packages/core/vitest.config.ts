import { defineProject } from 'vitest/config'

// Node runs the portable tests and its own. Bun and Deno run this same config on test/portable
// (package.json's test:bun and test:deno), workerd through vitest.workerd.config.ts.
export default defineProject({
  test: {
    name: 'core',
    include: ['test/portable/**/*.test.ts', 'test/node/**/*.test.ts'],
    setupFiles: ['@ssekit/testkit/expect-runtime'],
    // A guard against hangs, not a speed check: the 1 000-subscriber and fast-check tests take
    // under a second alone but far longer on a loaded 2-core CI machine.
    testTimeout: 30_000,
  },
})
