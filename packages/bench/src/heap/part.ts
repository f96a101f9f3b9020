import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseResult } from '../child-io.ts'
import { type RunningChild, startChild } from '../child-process.ts'
import type { LoadConfig, LoadReport } from '../connections/load-client.ts'
import type { ServerKind } from '../connections/routes.ts'
import { runtimeTarget } from '../connections/runtime-target.ts'
import { getJson } from '../connections/server-target.ts'
import type { Part } from '../part.ts'
import { writePart } from '../results.ts'
import { raiseOpenFiles, runtimeCommand } from '../runtime-command.ts'
import { groupSnapshot, type PerConnection, perConnection } from './heap-snapshot.ts'

const CLIENT = fileURLToPath(new URL('../connections/load-client.ts', import.meta.url))
const SERVERS: readonly ServerKind[] = ['ssekit', 'hono', 'floor']

/** One server's idle stream, object by object. */
export interface HeapRun extends PerConnection {
  server: ServerKind
  version: string
}

/** The data the report reads. */
export interface HeapData {
  connections: number
  runs: HeapRun[]
}

/**
 * What one idle stream costs on Node, object by object: the connections part's server (Hono on
 * `@hono/node-server`, ssekit's `sse()` or Hono's `streamSSE`) holding N idle streams from the
 * same load client, with a heap snapshot before any client and one with every stream held.
 */
export const heapPart: Part = {
  name: 'heap',
  async run({ smoke, outDir, log }) {
    const connections = smoke ? 20 : 2000
    const runs: HeapRun[] = []
    for (const server of SERVERS.filter(
      (s) => !process.env.HEAP_SERVER || s === process.env.HEAP_SERVER,
    )) {
      log(`heap: node ${server} ${connections}`)
      runs.push(await snapshotRun(server, connections))
    }
    await writePart(outDir, 'heap', { connections, runs }, smoke)
  },
}

async function snapshotRun(server: ServerKind, connections: number): Promise<HeapRun> {
  const dir = await mkdtemp(join(tmpdir(), 'ssekit-heap-'))
  const started = await runtimeTarget('node').start(server, 60_000)
  let client: RunningChild | undefined
  try {
    const snapshot = async (name: string) => {
      const path = join(dir, `${name}.heapsnapshot`)
      await getJson(`${started.base}/heap-snapshot?path=${encodeURIComponent(path)}`)
      return groupSnapshot(path)
    }
    // One stream first, so the route's compiled code and caches are in both snapshots.
    const warm = await fetch(`${started.base}/sse`)
    await warm.body?.cancel()
    while ((await getJson<{ open: number }>(`${started.base}/stats`)).open > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const before = await snapshot('before')
    const config: LoadConfig = {
      port: Number(new URL(started.base).port),
      connections,
      watchMs: 0,
      openTimeoutMs: 60_000,
      holdMs: 120_000,
    }
    client = startChild(raiseOpenFiles(runtimeCommand('node', CLIENT)), {
      BENCH_CONFIG: JSON.stringify(config),
    })
    const report = parseResult<LoadReport>(await client.waitForLine('@@bench-result', 90_000))
    if (report.open !== connections) throw new Error(`heap: ${report.open} of ${connections} open`)
    const after = await snapshot('after')
    return { server, version: started.version, ...perConnection(before, after, connections) }
  } finally {
    await client?.stop()
    await started.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
