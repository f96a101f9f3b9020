import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
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
  /** The server's own word on why it failed, if it printed one. */
  diagnose(): string | undefined
  stop(): Promise<void>
}

/** Where the idle streams are served: Node, Bun, Deno, or workerd under `wrangler dev`. */
export interface Target {
  runtime: RuntimeName | 'workerd'
  start(kind: IdleKind, heartbeatMs: number): Promise<IdleServer>
}

// What servers print when they run out of something: worth quoting next to a failed run.
const trouble = (output: string) =>
  stripVTControlCharacters(output)
    .split('\n')
    .find((line) => /too many open files|crashed|out of memory|EMFILE/i.test(line))
    ?.trim()

/** `src/server.ts` serving `idle:<kind>` on Node, Bun or Deno. */
export const runtimeTarget = (runtime: RuntimeName): Target => ({
  runtime,
  async start(kind, heartbeatMs) {
    const env = { HEARTBEAT_MS: String(heartbeatMs) }
    const server = await startBenchServer(runtime, `idle:${kind}`, { env })
    return {
      ...server,
      memory: () => getJson<Memory>(`${server.url}/memory`),
      diagnose: () => trouble(server.output()),
    }
  },
})

const CONFIG = fileURLToPath(new URL('../../workers/wrangler.jsonc', import.meta.url))

/** worker.ts under `wrangler dev`; memory is the RSS of its workerd processes. */
export async function workerdTarget(): Promise<Target> {
  const config = await bundleWorker(CONFIG, await mkdtemp(join(tmpdir(), 'ssekit-bench-worker-')))
  const version = (await wranglerVersions()).workerd
  return {
    runtime: 'workerd',
    async start(kind, heartbeatMs) {
      const vars = { SERVER_KIND: kind, HEARTBEAT_MS: String(heartbeatMs) }
      const dev = await startWranglerDev(config, { vars, readyPath: '/stats' })
      return {
        ...dev,
        version,
        memory: async () => ({ rss: await dev.workerdRss(), heap: null }),
        diagnose: () => trouble(dev.output()),
      }
    },
  }
}
