import { defineProject } from 'vitest/config'

// In Node, driving the runtime from outside: miniflare's API (restart on the same storage,
// read the SQLite file).
export default defineProject({
  test: {
    name: 'cloudflare-node',
    environment: 'node',
    include: ['test/node/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
