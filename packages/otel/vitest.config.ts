import { defineProject } from 'vitest/config'

// The real OpenTelemetry SDK (in-memory readers and exporters) against real streams and channels.
export default defineProject({
  test: {
    name: 'otel',
    include: ['test/**/*.test.ts'],
    // A guard against hangs, not a speed check.
    testTimeout: 30_000,
  },
})
