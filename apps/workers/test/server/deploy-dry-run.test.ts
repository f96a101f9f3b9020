import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, expect, test } from 'vitest'

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url))
const outdir = await mkdtemp(join(tmpdir(), 'ssekit-workers-'))
afterAll(() => rm(outdir, { recursive: true, force: true }))

test('pnpm run deploy --dry-run bundles the Worker without touching the network', async () => {
  const { stdout } = await promisify(execFile)(
    'pnpm',
    ['run', '--silent', 'deploy', '--dry-run', '--outdir', outdir],
    { cwd: APP_DIR, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  )
  expect(stdout).toContain('--dry-run: exiting now.')
  const bundle = await readFile(join(outdir, 'index.js'), 'utf8')
  // The core, the Hono adapter and the app all made it into the one file Cloudflare would run.
  expect(bundle).toContain('text/event-stream; charset=utf-8')
  expect(bundle).toContain('/stats')
}, 60_000)
