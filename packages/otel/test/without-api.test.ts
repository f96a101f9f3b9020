import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, expect, test } from 'vitest'

// In a process of its own: the module cache of this one already holds @opentelemetry/api.
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
const run = promisify(execFile)

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ssekit-no-otel-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

async function withoutApi(...args: string[]) {
  const log = join(dir, 'loaded.txt')
  await writeFile(log, '')
  const node = ['--import', fixture('no-otel-register.mjs'), fixture('streams-without-otel.mjs')]
  const result = await run(process.execPath, [...node, ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, NO_OTEL_LOG: log },
  }).catch((error: { stdout: string; stderr: string }) => error)
  return { ...result, attempted: (await readFile(log, 'utf8')).split('\n').filter(Boolean) }
}

test('without @opentelemetry/api, streams and channels work and never try to load it', async () => {
  const { stdout, attempted } = await withoutApi()
  const { stream, delivered } = JSON.parse(stdout) as { stream: string; delivered: string }
  expect(stream).toContain('event: note\ndata: hello\n\n')
  expect(delivered).toContain('data: published\n\n')
  expect(attempted).toEqual([])
})

test('the check sees a load: importing @ssekit/otel without the API fails, naming it', async () => {
  const { stderr, attempted } = await withoutApi('--with-otel')
  expect(attempted).toContain('@opentelemetry/api')
  expect(stderr).toContain("Cannot find package '@opentelemetry/api'")
})
