import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RuntimeName } from '../harness/runtime.ts'
import { getJson, startBenchServer } from '../harness/server.ts'
import { bundleWorker, startWranglerDev, wranglerVersions } from '../harness/wrangler.ts'
import type { IdleKind } from './routes.ts'

/** Memory in bytes; `heap` is null where the server cannot see its own (workerd). */
export interface Memory {
  rss: number
  heap: number | null
}

/** An idle-stream server, up and answering on 127.0.0.1. */
export interface IdleServer {
  url: string
  version: string
  /** Memory after a full GC, where the runtime lets us force one. */
  memory(): Promise<Memory>
  /** What it printed, to quote next to a failed run. */
  output(): string
  stop(): Promise<void>
}

const CONFIG = fileURLToPath(new URL('../../workers/wrangler.jsonc', import.meta.url))
let bundled: Promise<string> | undefined

/**
 * `src/server.ts` serving `idle:<kind>` on Node, Bun or Deno; or worker.ts under `wrangler dev`
 * (bundled once), whose memory is the RSS of its workerd processes.
 */
export async function startIdleServer(
  runtime: RuntimeName | 'workerd',
  kind: IdleKind,
  heartbeatMs: number,
): Promise<IdleServer> {
  const env = { HEARTBEAT_MS: String(heartbeatMs) }
  if (runtime !== 'workerd') {
    const server = await startBenchServer(runtime, `idle:${kind}`, { env })
    return { ...server, memory: () => getJson<Memory>(`${server.url}/memory`) }
  }
  bundled ??= mkdtemp(join(tmpdir(), 'ssekit-bench-worker-')).then((dir) =>
    bundleWorker(CONFIG, dir),
  )
  const vars = { ...env, SERVER_KIND: kind }
  const dev = await startWranglerDev(await bundled, { vars, readyPath: '/stats' })
  const { workerd } = await wranglerVersions()
  return {
    ...dev,
    version: workerd,
    memory: async () => ({ rss: await dev.workerdRss(), heap: null }),
  }
}
