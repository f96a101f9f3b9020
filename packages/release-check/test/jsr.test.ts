import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { publishedPackages } from '../src/published-packages.ts'

const run = promisify(execFile)
const deno = join(import.meta.dirname, '../node_modules/.bin/deno')
const withJsr = publishedPackages().filter((pkg) => existsSync(join(pkg.dir, 'jsr.json')))

describe.each(withJsr)('$name on JSR', (pkg) => {
  test('jsr.json carries the version package.json does', () => {
    const jsr = JSON.parse(readFileSync(join(pkg.dir, 'jsr.json'), 'utf8'))
    expect(jsr.name).toBe(pkg.name)
    expect(jsr.version).toBe(pkg.version)
  })

  test('passes deno publish --dry-run: every export resolves, no slow types', async () => {
    const { stdout, stderr } = await run(deno, ['publish', '--dry-run', '--allow-dirty'], {
      cwd: pkg.dir,
      env: { ...process.env, NO_COLOR: '1' },
    })
    expect(`${stdout}${stderr}`).toContain('Success Dry run complete')
  })
})

test('the core is published to JSR', () => {
  expect(withJsr.map((pkg) => pkg.name)).toContain('@ssekit/core')
})
