import { defineProject } from 'vitest/config'

// Node runs the portable tests and its own (the cross-instance and restart tests through the real
// apps). Bun and Deno run this same config on test/portable (package.json's test:bun, test:deno).
// Every file starts its own redis-server. Files run one at a time: several start apps, hundreds
// of streams or thousands of schedules, and on a 2-core machine running them side by side (and
// beside the other packages' tests under turbo) starves everything of CPU.
export default defineProject({
  test: {
    name: 'redis',
    fileParallelism: false,
    include: ['test/portable/**/*.test.ts', 'test/node/**/*.test.ts'],
    setupFiles: ['@ssekit/testkit/expect-runtime'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
})
