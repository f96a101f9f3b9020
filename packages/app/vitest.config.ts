import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'app',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // A guard against hangs, not a speed check: on a loaded 2-core CI machine a busy event loop
    // takes far longer than vitest's 5 s default.
    testTimeout: 30_000,
  },
})
