// The single list of vitest projects. Vitest >= 4 no longer reads this file on its own:
// the root vitest.config.ts passes it to `test.projects`.
export default [
  'packages/*/vitest.config.ts',
  'packages/*/vitest.*.config.ts',
  'apps/*/vitest.config.ts',
  'apps/*/vitest.*.config.ts',
]
