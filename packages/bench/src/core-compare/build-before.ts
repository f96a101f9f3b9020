import { execFileSync } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('../../../../', import.meta.url))
const require = createRequire(import.meta.url)

/**
 * Builds `@ssekit/core` as it was at git revision `rev` into a temporary folder, from
 * `git archive` (the working tree is left alone), and returns the path of its `dist/index.js`.
 */
export async function buildCoreAt(rev: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ssekit-core-before-'))
  const archive = execFileSync(
    'git',
    [
      'archive',
      rev,
      'packages/core/src',
      'packages/core/tsconfig.build.json',
      'tsconfig.base.json',
    ],
    { cwd: REPO, maxBuffer: 64 * 2 ** 20 },
  )
  execFileSync('tar', ['-x', '-C', dir], { input: archive })
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', join(dir, 'packages/core/tsconfig.build.json')])
  return join(dir, 'packages/core/dist/index.js')
}
