import { defineProject } from 'vitest/config'

// Node runs the portable tests and its own. Bun and Deno run this same config on test/portable
// (package.json's test:bun and test:deno), workerd through vitest.workerd.config.ts.
export default defineProject({
  test: {
    name: 'core',
    include: ['test/portable/**/*.test.ts', 'test/node/**/*.test.ts'],
    setupFiles: ['test/harness/expect-runtime.ts'],
  },
})
