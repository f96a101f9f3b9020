// Bundles @ssekit/client (its built dist, with eventsource-parser) into one ES module and writes it
// as a string constant the app serves at /ssekit-client.js, on every runtime: a Worker has no files
// to serve it from. Runs before the app's build, typecheck and tests; the output is not committed.
// Usage, from packages/app: node scripts/bundle-client.ts
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const entry = fileURLToPath(import.meta.resolve('@ssekit/client'))
const result = await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  minify: true,
  // Every browser with Web Locks and BroadcastChannel runs ES2022.
  target: 'es2022',
  platform: 'browser',
  write: false,
  legalComments: 'none',
})
const code = result.outputFiles[0]?.text
if (code === undefined) throw new Error('esbuild produced no bundle of @ssekit/client')
const out = new URL('../src/generated/', import.meta.url)
mkdirSync(out, { recursive: true })
writeFileSync(
  new URL('client-bundle.ts', out),
  `// Written by scripts/bundle-client.ts from @ssekit/client's dist; not committed, not edited.\n\n` +
    `/** @ssekit/client as one ES module, for pages to import. */\n` +
    `export const CLIENT_BUNDLE: string = ${JSON.stringify(code)}\n`,
)
