/**
 * Workers under `wrangler dev`, for the parts that measure workerd: the Worker bundled once and
 * served as that bundle (so no rebuild elsewhere in the repo makes wrangler reload it mid-run), on
 * a free port, in its own process group, whose processes can then be found and measured.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { freePort, type RunningServer, startServer } from '@ssekit/testkit'
import { runCommand } from './child.ts'
import { raiseOpenFiles, runtimeBinary } from './runtime.ts'

const require = createRequire(import.meta.url)
const WRANGLER = join(dirname(require.resolve('wrangler/package.json')), 'bin/wrangler.js')

/** wrangler's and workerd's versions. */
export async function wranglerVersions(): Promise<{ wrangler: string; workerd: string }> {
  const version = async (from: NodeJS.Require, name: string) =>
    String(JSON.parse(await readFile(from.resolve(`${name}/package.json`), 'utf8')).version)
  const miniflare = createRequire(createRequire(WRANGLER).resolve('miniflare/package.json'))
  return {
    wrangler: await version(require, 'wrangler'),
    workerd: await version(miniflare, 'workerd'),
  }
}

/**
 * Bundles the Worker of `config` (a wrangler.jsonc whose comments sit on lines of their own) into
 * `outdir` and returns a config that serves that bundle.
 */
export async function bundleWorker(config: string, outdir: string): Promise<string> {
  const deploy = ['deploy', '--dry-run', '--outdir', outdir, '--config', config]
  await runCommand([runtimeBinary('node'), WRANGLER, ...deploy], { timeoutMs: 120_000 })
  const text = (await readFile(config, 'utf8')).replace(/^\s*\/\/.*$/gm, '')
  const bundled = join(outdir, 'wrangler.json')
  await writeFile(
    bundled,
    JSON.stringify({ ...JSON.parse(text), main: 'worker.js', no_bundle: true }),
  )
  return bundled
}

/** A `wrangler dev`, and the RSS of its workerd processes. */
export interface WranglerDev extends RunningServer {
  /** Summed RSS in bytes of every workerd process wrangler started (its proxy and the Worker's). */
  workerdRss(): Promise<number>
}

/**
 * Starts `wrangler dev` on a bundled config, answering once `readyPath` does, with `vars` and the
 * open-files limit raised to its hard maximum.
 */
export async function startWranglerDev(
  config: string,
  options: { vars?: Record<string, string>; persistTo?: string; readyPath: string },
): Promise<WranglerDev> {
  const [port, inspector] = [await freePort(), await freePort()]
  const dev = [runtimeBinary('node'), WRANGLER, 'dev', '--config', config, '--ip', '127.0.0.1']
  dev.push('--port', String(port), '--inspector-port', String(inspector))
  if (options.persistTo) dev.push('--persist-to', options.persistTo)
  for (const [name, value] of Object.entries(options.vars ?? {}))
    dev.push('--var', `${name}:${value}`)
  dev.push('--show-interactive-dev-session=false')
  const [command, ...args] = raiseOpenFiles(dev)
  const server = await startServer({
    command,
    args,
    port,
    env: { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    readyPath: options.readyPath,
    timeoutMs: 60_000,
  })
  // bash `exec`s wrangler, so the group's leader is the process whose command line holds the port.
  const processes = async () =>
    (await runCommand(['ps', '-e', '-o', 'pid=,pgid=,rss=,comm=,args='], { timeoutMs: 10_000 }))
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map(([pid, group, rss, command, ...args]) => ({
        pid,
        group,
        rss: Number(rss) * 1024,
        command,
        args,
      }))
  const leader = (await processes()).find(
    (p) => p.pid === p.group && p.args.includes(`${port}`) && p.args.includes('dev'),
  )
  if (!leader) {
    await server.stop()
    throw new Error(`Cannot find the process group of wrangler dev on port ${port}`)
  }
  return Object.assign(server, {
    workerdRss: async () =>
      (await processes())
        .filter((p) => p.group === leader.pid && p.command === 'workerd')
        .reduce((total, p) => total + p.rss, 0),
  })
}
