// The import rules `pnpm lint` checks across the packages' sources: no cycles, and the core's
// layers (types, then encode, then internal/, then the public functions and the entries) only
// ever import downwards.
const CORE = '^packages/core/src/'
const TYPES = `${CORE}(types|sink|source)[.]ts$`
const ENCODE = `${CORE}encode[.]ts$`
const INTERNAL = `${CORE}internal/`
const PUBLIC = `${CORE}[^/]+[.]ts$`

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'A cycle makes two files one concept: merge them, or move what both need below.',
      severity: 'error',
      from: { path: '^(packages|apps)/[^/]+/src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
    {
      name: 'no-cycle-in-a-library',
      comment: 'In a published package not even types go round in a circle.',
      severity: 'error',
      from: {
        path: '^packages/(core|channel|hono|client|redis|cloudflare|resumable|compress|otel)/src/',
      },
      to: { circular: true },
    },
    {
      name: 'core-types-import-nothing-above',
      severity: 'error',
      from: { path: TYPES },
      to: { path: CORE, pathNot: TYPES },
    },
    {
      name: 'core-encode-imports-only-types',
      severity: 'error',
      from: { path: ENCODE },
      to: { path: CORE, pathNot: TYPES },
    },
    {
      name: 'core-internal-imports-no-public-function',
      severity: 'error',
      from: { path: INTERNAL },
      to: { path: PUBLIC, pathNot: [TYPES, ENCODE] },
    },
    {
      name: 'core-imports-no-other-package',
      comment: 'The core is the bottom layer: it depends on nothing of ours, nor on anything else.',
      severity: 'error',
      from: { path: CORE },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-no-pkg'] },
    },
    {
      name: 'channel-imports-no-backend',
      comment: 'Backends build on the channel, never the other way round.',
      severity: 'error',
      from: { path: '^packages/channel/src/' },
      to: { path: '^packages/(redis|cloudflare|hono|client|app)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|test)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
}
