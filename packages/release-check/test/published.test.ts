import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { publishedPackages } from '../src/published-packages.ts'

test('every published package is a devDependency here, so turbo builds it before it is packed', () => {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8'))
  const missing = publishedPackages()
    .map((pkg) => pkg.name)
    .filter((name) => manifest.devDependencies[name] !== 'workspace:*')
  expect(missing).toEqual([])
})
