import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'release-check',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Installing the tarballs and starting servers on four runtimes takes a while.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
})
