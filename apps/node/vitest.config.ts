import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'app-node',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Each file starts the real server; its tests wait on real streams.
    hookTimeout: 30_000,
    testTimeout: 30_000,
  },
})
