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
  example: { module: string; name: string; path: string; encoding?: string },
  check: (events: { event?: string | undefined; data: string }[]) => void,
) {
  const server = await start(example.module, example.name)
  try {
    const headers = example.encoding ? { 'accept-encoding': example.encoding } : undefined
    const stream = await openEventStream(`${server.url}${example.path}`, { headers })
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    // fetch decodes the body; the header still says how it travelled.
    expect(stream.response.headers.get('content-encoding')).toBe(example.encoding ?? null)
    check(await stream.waitForEvents(2))
    await stream.close()
  } finally {
    await server.stop()
  }
}

const RUNTIMES = [
  {
    runtime: 'Node 22',
    script: (file: string) => [process.execPath, file],
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
    script: (file: string) => [bin('bun'), file],
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
    script: (file: string) => [bin('deno'), 'run', '-A', file],
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

  test("run @ssekit/compress's README example over real HTTP, gzip-compressed", async () => {
    await expectEvents(
      start,
      { module: 'readme-compress.ts', name: 'default', path: '/', encoding: 'gzip' },
      (events) => {
        for (const event of events) {
          expect(event.event).toBe('tick')
          expect(typeof JSON.parse(event.data).at).toBe('number')
        }
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

describe.each(RUNTIMES)('@ssekit/client from its tarball on $runtime', ({ start, script }) => {
  test('reads the @ssekit/hono README route', async () => {
    const server = await start('readme-hono.ts', 'app')
    try {
      const [command, ...args] = script('read-with-client.ts')
      const { stdout } = await run(command as string, [...args, `${server.url}/time`], {
        cwd: project,
      })
      const received = JSON.parse(stdout) as { event: string; data: string }[]
      expect(received.map((event) => event.event)).toEqual(['tick', 'tick'])
      for (const event of received) expect(JSON.parse(event.data).at).toMatch(isoSeconds)
    } finally {
      await server.stop()
    }
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

  test('serves events under wrangler dev, from Hono and from a Durable Object channel', async () => {
    const server = await startServer({
      command: bin('wrangler'),
      args: (port) => ['dev', '--ip', '127.0.0.1', '--port', String(port)],
      cwd: project,
      env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
      readyPath: '/time',
      timeoutMs: 60_000,
    })
    try {
      const ticks = await openEventStream(`${server.url}/time`)
      const [tick] = await ticks.waitForEvents(1)
      expect(tick?.event).toBe('tick')
      await ticks.close()
      // A channel on a Durable Object, from @ssekit/cloudflare's tarball.
      const room = await openEventStream(`${server.url}/room/events`)
      await room.readChunk()
      const posted = await fetch(`${server.url}/room/messages`, { method: 'POST', body: 'hello' })
      expect(posted.status).toBe(201)
      const { id } = (await posted.json()) as { id: string }
      const [message] = await room.waitForEvents(1)
      expect(message).toMatchObject({ id, data: 'hello' })
      await room.close()
    } finally {
      await server.stop()
    }
  })
})

// The ways users compile: Node (node16), a bundler, and a Worker against @cloudflare/workers-types
// instead of the DOM library, where some DOM-only type names do not exist.
const TYPE_SETUPS = [
  { setup: 'node16', module: 'Node16', resolution: 'node16', lib: ['ES2023', 'DOM'], types: [] },
  { setup: 'bundler', module: 'ESNext', resolution: 'bundler', lib: ['ES2023', 'DOM'], types: [] },
  {
    setup: 'a Worker (workers-types, no DOM)',
    module: 'ESNext',
    resolution: 'bundler',
    lib: ['ES2023'],
    types: ['@cloudflare/workers-types'],
    files: ['worker.ts'],
  },
]

test.each(TYPE_SETUPS)(
  'tsc compiles code using the public types: $setup',
  async ({ setup, module, resolution, lib, types, files }) => {
    const config = join(project, `tsconfig.${setup.replace(/\W+/g, '-')}.json`)
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          lib,
          module,
          moduleResolution: resolution,
          allowImportingTsExtensions: true,
          types,
        },
        files: ['public-types.ts', ...(files ?? [])],
      }),
    )
    const result = await run(bin('tsc'), ['-p', config], { cwd: project }).catch(
      (error: { stdout: string }) => error,
    )
    expect(result.stdout).toBe('')
  },
)
