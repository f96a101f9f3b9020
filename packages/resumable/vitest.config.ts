import { defineProject } from 'vitest/config'

// Node: memory and a real redis-server. The Durable Object tests run in workerd through
// vitest.workerd.config.ts.
export default defineProject({
  test: {
    name: 'resumable',
    include: ['test/node/**/*.test.ts'],
    // A guard against hangs, not a speed check.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
