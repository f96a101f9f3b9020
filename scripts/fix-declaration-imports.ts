/**
 * tsc's rewriteRelativeImportExtensions turns `./x.ts` into `./x.js` in the emitted JavaScript but
 * not in the `.d.ts` files (microsoft/TypeScript#61037), which Deno and older resolvers then cannot
 * follow. This rewrites relative `.ts` specifiers in every declaration file under a folder.
 * Every package's build runs it: node ../../scripts/fix-declaration-imports.ts dist
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const RELATIVE_TS = /(from\s+|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\.ts\2/g

const folder = process.argv[2]
if (!folder) throw new Error('Usage: node fix-declaration-imports.ts <dist folder>')
let fixed = 0
for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
  if (!entry.endsWith('.d.ts')) continue
  const file = join(folder, entry)
  const text = readFileSync(file, 'utf8')
  const rewritten = text.replace(RELATIVE_TS, '$1$2$3.js$2')
  if (rewritten !== text) {
    writeFileSync(file, rewritten)
    fixed++
  }
}
console.log(`fix-declaration-imports: ${fixed} declaration file(s) rewritten in ${folder}`)
