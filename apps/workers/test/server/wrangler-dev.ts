import { fileURLToPath } from 'node:url'
import { freePort, type RunningServer, startServer } from '@ssekit/testkit'

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Runs this app's own `pnpm start` (`wrangler dev`, honouring `PORT`) on `port` or a free one, in
 * its own process group so `stop()` takes workerd down with it.
 */
export async function startWranglerDev(port?: number): Promise<RunningServer> {
  // Each wrangler dev needs an inspector port of its own, or a second one (or `pnpm start`
  // running beside the tests) fails with "Address already in use".
  const inspectorPort = String(await freePort())
  return startServer({
    command: 'pnpm',
    args: ['run', '--silent', 'start', '--ip', '127.0.0.1', '--inspector-port', inspectorPort],
    cwd: APP_DIR,
    port,
    // Tests send nothing home.
    env: { WRANGLER_SEND_METRICS: 'false' },
    timeoutMs: 60_000,
  })
}

/** How to run {@link startWranglerConfig}. */
export interface WranglerConfigOptions {
  /** More `wrangler dev` flags, e.g. `['--persist-to', folder]`. */
  args?: readonly string[] | undefined
  /** More environment, e.g. `WRANGLER_REGISTRY_PATH` to keep a dev registry apart. */
  env?: Record<string, string> | undefined
  /** Polled until it answers 2xx. @defaultValue `'/stats'` */
  readyPath?: string | undefined
}

/**
 * Runs `wrangler dev -c <config>` (a path from this app's folder) on a free port, in its own
 * process group, as {@link startWranglerDev} runs the app's own config.
 */
export async function startWranglerConfig(
  config: string,
  options: WranglerConfigOptions = {},
): Promise<RunningServer> {
  const inspectorPort = String(await freePort())
  return startServer({
    command: 'pnpm',
    args: (port) => [
      ...['exec', 'wrangler', 'dev', '--config', config, '--port', String(port)],
      ...['--ip', '127.0.0.1', '--inspector-port', inspectorPort, ...(options.args ?? [])],
    ],
    cwd: APP_DIR,
    // As `pnpm start`: no request.cf download, and nothing sent home.
    env: { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...options.env },
    readyPath: options.readyPath,
    timeoutMs: 60_000,
  })
}
