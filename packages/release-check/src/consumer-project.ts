import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Tarball } from './pack.ts'
import { ROOT } from './published-packages.ts'

const run = promisify(execFile)

/** The peer dependencies a consumer installs beside ours, at the versions the workspace tests. */
const PEERS = ['hono@4.13.19', '@hono/node-server@2.1.9', '@cloudflare/workers-types@5.20261117.1']

/**
 * Makes a project in a temporary folder, outside the workspace, installs the tarballs into it
 * with npm (as a user would from the registry), and adds the fixtures: the README examples of
 * @ssekit/core and @ssekit/hono, a server for each runtime, a Worker and a types check.
 *
 * @returns The project's folder.
 */
export async function createConsumerProject(tarballs: readonly Tarball[]): Promise<string> {
  const project = mkdtempSync(join(tmpdir(), 'ssekit-consumer-'))
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
  )
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs.map((t) => t.file),
      ...PEERS,
    ],
    { cwd: project, maxBuffer: 16 * 1024 * 1024 },
  )
  cpSync(join(import.meta.dirname, '../fixtures'), project, { recursive: true })
  writeFileSync(join(project, 'readme-core.ts'), firstTsBlock('packages/core/README.md'))
  writeFileSync(join(project, 'readme-hono.ts'), firstTsBlock('packages/hono/README.md'))
  writeFileSync(join(project, 'readme-compress.ts'), firstTsBlock('packages/compress/README.md'))
  return project
}

// The README's first example, exactly as a user would copy it.
function firstTsBlock(readme: string): string {
  const text = readFileSync(join(ROOT, readme), 'utf8')
  const block = /```ts\n([\s\S]*?)```/.exec(text)?.[1]
  if (block === undefined) throw new Error(`${readme} has no \`\`\`ts example`)
  return block
}
