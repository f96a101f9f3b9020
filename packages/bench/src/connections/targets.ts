import { readdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { start } from '../process.ts'
import type { RuntimeName } from '../runtime.ts'
import { runChild, runtimeBinary, runtimeCommand } from '../spawn.ts'
import type { ServerKind } from './routes.ts'
import type { Memory } from './types.ts'

/** A server of parts 3 and 4, up and listening on 127.0.0.1. */
export interface StartedServer {
  base: string
  version: string
  /** Memory after a full GC where the runtime lets us force one; heap is null where unseen. */
  memory(): Promise<Memory>
  /** The server's own word on why it failed, if it printed one. */
  diagnose(): string | undefined
  stop(): Promise<void>
}

// What servers print when they run out of something: worth quoting next to a failed run.
const TROUBLE = /too many open files|crashed|out of memory|EMFILE/i

// biome-ignore lint/suspicious/noControlCharactersInRegex: wrangler colours its output
const COLOURS = /\x1b\[[\d;]*m/g

function diagnose(output: string): string | undefined {
  const lines = output.split('\n').map((line) => line.replace(COLOURS, '').trim())
  return lines.find((line) => TROUBLE.test(line))
}

/** Where the servers run: Node, Bun, Deno, or workerd under `wrangler dev`. */
export interface ServerTarget {
  runtime: RuntimeName | 'workerd'
  start(server: ServerKind, heartbeatMs: number): Promise<StartedServer>
}

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url))
const WRANGLER_CONFIG = fileURLToPath(new URL('../../workers/wrangler.jsonc', import.meta.url))
const require = createRequire(import.meta.url)

/** Node, Bun or Deno serving `server.ts` with their own HTTP server. */
export function runtimeTarget(runtime: RuntimeName): ServerTarget {
  return {
    runtime,
    async start(server, heartbeatMs) {
      const child = start(runtimeCommand(runtime, SERVER, { exposeGc: true }), {
        SERVER_KIND: server,
        HEARTBEAT_MS: String(heartbeatMs),
      })
      try {
        const port = Number((await child.waitForLine('@@listening', 20_000)).split(' ')[1])
        const base = `http://127.0.0.1:${port}`
        const { version } = await getJson<{ version: string }>(`${base}/version`)
        return {
          base,
          version,
          memory: () => getJson<Memory>(`${base}/memory`),
          diagnose: () => diagnose(child.stderr()),
          stop: child.stop,
        }
      } catch (error) {
        await child.stop()
        throw error
      }
    },
  }
}

/**
 * workerd under `wrangler dev`. The Worker is bundled once up front and served with
 * `no_bundle`, so no rebuild elsewhere in the repo makes wrangler reload it mid-run. Memory is
 * the RSS of every workerd process wrangler started (its proxy and the Worker's runtime); a
 * Worker cannot see its own heap, nor can we force a GC there.
 */
export async function workerdTarget(): Promise<ServerTarget> {
  const wrangler = join(dirname(require.resolve('wrangler/package.json')), 'bin/wrangler.js')
  const outdir = join(tmpdir(), `ssekit-bench-worker-${process.pid}`)
  await runChild(
    [
      runtimeBinary('node'),
      wrangler,
      'deploy',
      '--dry-run',
      '--outdir',
      outdir,
      '--config',
      WRANGLER_CONFIG,
    ],
    { timeoutMs: 120_000 },
  )
  const config = join(outdir, 'wrangler.json')
  await writeFile(
    config,
    JSON.stringify({
      name: 'ssekit-bench-connections',
      main: 'worker.js',
      no_bundle: true,
      compatibility_date: '2026-11-09',
      compatibility_flags: ['enable_request_signal'],
    }),
  )
  const version = await workerdVersion(wrangler)
  return {
    runtime: 'workerd',
    async start(server, heartbeatMs) {
      const [port, inspector] = [await freePort(), await freePort()]
      const child = start(
        [
          runtimeBinary('node'),
          wrangler,
          'dev',
          '--config',
          config,
          '--ip',
          '127.0.0.1',
          '--port',
          String(port),
          '--inspector-port',
          String(inspector),
          '--var',
          `SERVER_KIND:${server}`,
          '--var',
          `HEARTBEAT_MS:${heartbeatMs}`,
          '--show-interactive-dev-session=false',
        ],
        { WRANGLER_SEND_METRICS: 'false' },
      )
      const pgid = child.child.pid ?? 0
      try {
        await child.waitForText('Ready on', 60_000)
        const base = `http://127.0.0.1:${port}`
        await getJson(`${base}/stats`)
        return {
          base,
          version,
          memory: async () => ({ rss: await groupRss(pgid, 'workerd'), heap: null }),
          diagnose: () => diagnose(`${child.stdout()}\n${child.stderr()}`),
          stop: child.stop,
        }
      } catch (error) {
        await child.stop()
        throw error
      }
    },
  }
}

async function workerdVersion(wrangler: string): Promise<string> {
  const fromWrangler = createRequire(wrangler)
  const miniflare = createRequire(fromWrangler.resolve('miniflare/package.json'))
  const pkg = JSON.parse(await readFile(miniflare.resolve('workerd/package.json'), 'utf8'))
  return String(pkg.version)
}

/** The summed RSS in bytes of the processes named `name` in a process group. */
async function groupRss(pgid: number, name: string): Promise<number> {
  let total = 0
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8')
      // Fields after the command (which may hold spaces) start after its closing parenthesis.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
      if (group !== pgid || comm !== name) continue
      const status = await readFile(`/proc/${entry}/status`, 'utf8')
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024
    } catch {
      // The process ended while we looked.
    }
  }
  return total
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** GETs JSON from one of our servers, with a time limit. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) })
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return (await response.json()) as T
}
