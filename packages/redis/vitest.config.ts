import { defineProject } from 'vitest/config'

// Node runs the portable tests and its own (the cross-instance and restart tests through the real
// apps). Bun and Deno run this same config on test/portable (package.json's test:bun, test:deno).
// Every file starts its own redis-server, so files may run in parallel.
export default defineProject({
  test: {
    name: 'redis',
    include: ['test/portable/**/*.test.ts', 'test/node/**/*.test.ts'],
    setupFiles: ['test/harness/expect-runtime.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
})
