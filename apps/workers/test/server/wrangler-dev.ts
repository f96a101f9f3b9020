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
