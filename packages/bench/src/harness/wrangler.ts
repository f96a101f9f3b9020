/**
 * Workers under `wrangler dev`, for the parts that measure workerd: the Worker bundled once and
 * served as that bundle (so no rebuild elsewhere in the repo makes wrangler reload it mid-run), on
 * a free port, in its own process group.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { freePort, type RunningServer, startServer } from '@ssekit/testkit'
import { runCommand } from './child.ts'
import { runtimeBinary } from './runtime.ts'

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

/** Starts `wrangler dev` on a bundled config; it is up once `readyPath` answers. */
export async function startWranglerDev(
  config: string,
  options: { persistTo: string; readyPath: string },
): Promise<RunningServer> {
  const inspector = await freePort()
  return startServer({
    command: runtimeBinary('node'),
    args: (port) => [
      ...[WRANGLER, 'dev', '--config', config, '--ip', '127.0.0.1', '--port', String(port)],
      ...['--inspector-port', String(inspector), '--persist-to', options.persistTo],
      '--show-interactive-dev-session=false',
    ],
    env: { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    readyPath: options.readyPath,
    timeoutMs: 60_000,
  })
}
