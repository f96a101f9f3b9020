import { execFile } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { type RunningServer, startServer } from '@ssekit/testkit'
import { openEventStream } from '@ssekit/testkit/event-stream'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { createConsumerProject } from '../src/consumer-project.ts'

const run = promisify(execFile)
const bin = (name: string) => join(import.meta.dirname, '../node_modules/.bin', name)
let project: string

beforeAll(async () => {
  project = await createConsumerProject(inject('tarballs'))
})
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true })
})

/** Starts a runtime's server on a README example and reads events from it. */
async function expectEvents(
  start: (module: string, name: string) => Promise<RunningServer>,
  example: { module: string; name: string; path: string },
  check: (events: { event?: string | undefined; data: string }[]) => void,
) {
  const server = await start(example.module, example.name)
  try {
    const stream = await openEventStream(`${server.url}${example.path}`)
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    check(await stream.waitForEvents(2))
    await stream.close()
  } finally {
    await server.stop()
  }
}

const RUNTIMES = [
  {
    runtime: 'Node 22',
    start: (module: string, name: string) =>
      startServer({
        command: process.execPath,
        args: ['serve-node.ts', module, name],
        cwd: project,
        readyPath: '/time',
      }),
  },
  {
    runtime: 'Bun',
    start: (module: string, name: string) =>
      startServer({
        command: bin('bun'),
        args: ['serve-bun.ts', module, name],
        cwd: project,
        readyPath: '/time',
      }),
  },
  {
    runtime: 'Deno',
    start: (module: string, name: string) =>
      startServer({
        command: bin('deno'),
        args: ['run', '-A', '--unstable-no-legacy-abort', 'serve-deno.ts', module, name],
        cwd: project,
        readyPath: '/time',
      }),
  },
]

const isoSeconds = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/

describe.each(RUNTIMES)('the tarballs on $runtime', ({ start }) => {
  test("run @ssekit/core's README example over real HTTP", async () => {
    await expectEvents(
      start,
      { module: 'readme-core.ts', name: 'default', path: '/' },
      (events) => {
        for (const event of events) expect(event.data).toMatch(isoSeconds)
      },
    )
  })

  test("run @ssekit/hono's README route over real HTTP", async () => {
    await expectEvents(
      start,
      { module: 'readme-hono.ts', name: 'app', path: '/time' },
      (events) => {
        for (const event of events) {
          expect(event.event).toBe('tick')
          expect(JSON.parse(event.data).at).toMatch(isoSeconds)
        }
      },
    )
  })
})

describe('a Worker built from the tarballs', () => {
  test('passes wrangler deploy --dry-run', async () => {
    const { stdout, stderr } = await run(
      bin('wrangler'),
      ['deploy', '--dry-run', '--outdir', 'built'],
      {
        cwd: project,
        env: {
          ...process.env,
          CLOUDFLARE_CF_FETCH_ENABLED: 'false',
          WRANGLER_SEND_METRICS: 'false',
        },
      },
    )
    expect(`${stdout}${stderr}`).toContain('--dry-run: exiting now.')
  })

  test('serves events under wrangler dev', async () => {
    const server = await startServer({
      command: bin('wrangler'),
      args: (port) => ['dev', '--ip', '127.0.0.1', '--port', String(port)],
      cwd: project,
      env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
      readyPath: '/time',
      timeoutMs: 60_000,
    })
    try {
      const stream = await openEventStream(`${server.url}/time`)
      const [event] = await stream.waitForEvents(1)
      expect(event?.event).toBe('tick')
      await stream.close()
    } finally {
      await server.stop()
    }
  })
})

test.each(['node16', 'bundler'])(
  'tsc compiles code using the public types under moduleResolution %s',
  async (resolution) => {
    const config = join(project, `tsconfig.${resolution}.json`)
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          module: resolution === 'node16' ? 'Node16' : 'ESNext',
          moduleResolution: resolution,
          allowImportingTsExtensions: true,
          types: [],
        },
        files: ['public-types.ts'],
      }),
    )
    const result = await run(bin('tsc'), ['-p', config], { cwd: project }).catch(
      (error: { stdout: string }) => error,
    )
    expect(result.stdout).toBe('')
  },
)
