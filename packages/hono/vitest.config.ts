import { defineProject } from 'vitest/config'

export default defineProject({
  test: { name: 'hono', environment: 'node', include: ['src/**/*.test.ts'] },
})
