import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { describe, expect, inject, test } from 'vitest'

const run = promisify(execFile)
const tarballs = inject('tarballs')
const bin = (name: string) => join(import.meta.dirname, '../node_modules/.bin', name)

describe.each(tarballs)('$name tarball', (tarball) => {
  test('holds dist, the README and the LICENSE, and nothing test-only', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball.file])
    const files = stdout.trim().split('\n')
    expect(files).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/README.md',
        'package/LICENSE',
        'package/dist/index.js',
        'package/dist/index.d.ts',
      ]),
    )
    const testOnly = files.filter((file) =>
      /(^package\/test\/|\.test\.[cm]?[jt]s$|vitest)/.test(file),
    )
    expect(testOnly).toEqual([])
    const license = await run('tar', ['-xzOf', tarball.file, 'package/LICENSE'])
    expect(license.stdout).toMatch(/^MIT License/)
  })

  test('has the fields a registry page and a consumer need', async () => {
    const { stdout } = await run('tar', ['-xzOf', tarball.file, 'package/package.json'])
    const manifest = JSON.parse(stdout)
    for (const field of [
      'description',
      'keywords',
      'homepage',
      'repository',
      'engines',
      'license',
    ]) {
      expect(manifest, field).toHaveProperty(field)
    }
    // pnpm pack turns workspace ranges into real versions, as a publish does.
    expect(stdout).not.toContain('workspace:')
    const readme = await run('tar', ['-xzOf', tarball.file, 'package/README.md'])
    expect(readme.stdout).toContain(`add ${tarball.name}`)
  })

  test('is clean under publint', async () => {
    const { messages, pkg } = await publint({
      // Inside a tarball every file sits under `package/`.
      pkgDir: 'package',
      pack: { tarball: (await readFile(tarball.file)).buffer as ArrayBuffer },
      strict: true,
    })
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg)}`)).toEqual([])
  })

  test('has types that resolve under node16 (ESM) and bundler (are-the-types-wrong)', async () => {
    const result = await run(
      bin('attw'),
      [tarball.file, '--profile', 'esm-only', '--format', 'json'],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout: string }) => error)
    const analysis = JSON.parse(result.stdout).analysis
    const problems = analysis.problems.filter(
      (problem: { resolutionKind?: string }) =>
        problem.resolutionKind !== 'node10' && problem.resolutionKind !== 'node16-cjs',
    )
    expect(problems).toEqual([])
  })
})
