import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, startServer } from '@ssekit/testkit'
import { runChild } from '../child-process.ts'
import { raiseOpenFiles, runtimeBinary } from '../runtime-command.ts'
import { groupLedBy, groupRss } from './process-group.ts'
import { type ServerTarget, troubleIn } from './server-target.ts'

const WRANGLER_CONFIG = fileURLToPath(new URL('../../workers/wrangler.jsonc', import.meta.url))
const require = createRequire(import.meta.url)

/**
 * workerd under `wrangler dev`. The Worker is bundled once up front and served with
 * `no_bundle`, so no rebuild elsewhere in the repo makes wrangler reload it mid-run. Memory is
 * the RSS of every workerd process wrangler started (its proxy and the Worker's runtime); a
 * Worker cannot see its own heap, nor can we force a GC there.
 */
export async function workerdTarget(): Promise<ServerTarget> {
  const wrangler = join(dirname(require.resolve('wrangler/package.json')), 'bin/wrangler.js')
  const node = runtimeBinary('node')
  const outdir = join(tmpdir(), `ssekit-bench-worker-${process.pid}`)
  await runChild(
    [node, wrangler, 'deploy', '--dry-run', '--outdir', outdir, '--config', WRANGLER_CONFIG],
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
      const dev = [
        node,
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
      ]
      const [command, ...args] = raiseOpenFiles(dev)
      const running = await startServer({
        command,
        args,
        port,
        env: { WRANGLER_SEND_METRICS: 'false' },
        timeoutMs: 60_000,
      })
      // bash `exec`s the command, so the group's leader runs `dev` word for word.
      const pgid = await groupLedBy(dev)
      if (pgid === undefined) {
        await running.stop()
        throw new Error(`Cannot find the process group of wrangler dev on port ${port}`)
      }
      return {
        base: running.url,
        version,
        memory: async () => ({ rss: await groupRss(pgid, 'workerd'), heap: null }),
        diagnose: () => troubleIn(running.output()),
        stop: running.stop,
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
