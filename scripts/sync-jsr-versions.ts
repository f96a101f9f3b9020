/**
 * Changesets bumps `version` in package.json; JSR reads jsr.json. This copies each package's new
 * version into its jsr.json, so the two registries never publish different versions.
 * Usage: node scripts/sync-jsr-versions.ts (run by `pnpm version-packages`).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const packages = join(import.meta.dirname, '../packages')
for (const name of readdirSync(packages)) {
  const jsrPath = join(packages, name, 'jsr.json')
  if (!existsSync(jsrPath)) continue
  const { version } = JSON.parse(readFileSync(join(packages, name, 'package.json'), 'utf8'))
  const jsr = JSON.parse(readFileSync(jsrPath, 'utf8'))
  if (jsr.version === version) continue
  writeFileSync(jsrPath, `${JSON.stringify({ ...jsr, version }, null, 2)}\n`)
  console.log(`sync-jsr-versions: ${name} ${jsr.version} -> ${version}`)
}
