import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'core',
    include: ['test/portable/**/*.test.ts', 'test/node/**/*.test.ts', 'test/channel/**/*.test.ts'],
  },
})
