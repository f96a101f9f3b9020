import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'testkit',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // These tests start real processes.
    testTimeout: 30_000,
  },
})
