import { fileURLToPath } from 'node:url'
import { parseResult } from '../child-io.ts'
import { type RunningChild, startChild } from '../child-process.ts'
import { raiseOpenFiles, runtimeCommand } from '../runtime-command.ts'
import type { LoadConfig, LoadReport } from './load-client.ts'
import type { ServerKind } from './routes.ts'
import { getJson, type ServerTarget, type StartedServer } from './server-target.ts'
import type { ConnectionsRun } from './types.ts'

const CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url))

/**
 * A heap after GC counts as back at its baseline within 10 % plus this: a server that has run
 * keeps some compiled code and caches it did not have before its first request.
 */
export const HEAP_SLACK: number = 2 * 2 ** 20

/** How many connections each target holds, and how fast their heartbeats come. */
export interface ConnectionsPlan {
  sizes: number[]
  /** workerd under wrangler dev is tried on these sizes. */
  workerdSizes: number[]
  heartbeatMs: number
  /** Heartbeats are counted over this window: 2.5 intervals, so each stream owes at least 2. */
  watchMs: number
}

/**
 * One fresh server holding `connections` idle streams from the load client, then losing them all
 * at once. A failure at any step is recorded in the run, not thrown: a full run reports what a
 * server could not hold.
 */
export async function measureConnections(
  target: ServerTarget,
  server: ServerKind,
  connections: number,
  plan: ConnectionsPlan,
): Promise<ConnectionsRun> {
  const empty = { rss: 0, heap: 0 }
  const run: ConnectionsRun = {
    runtime: target.runtime,
    version: '',
    server,
    connections,
    heartbeatMs: plan.heartbeatMs,
    baseline: empty,
    loaded: empty,
    openStreams: 0,
    client: {
      requested: connections,
      open: 0,
      withHeartbeat: 0,
      minHeartbeats: 0,
      failed: connections,
      openMs: 0,
      watchMs: plan.watchMs,
    },
    statsZeroMs: null,
    heapBackMs: null,
    after: empty,
  }
  let started: StartedServer | undefined
  let client: RunningChild | undefined
  try {
    started = await target.start(server, plan.heartbeatMs)
    const { base } = started
    run.version = started.version
    run.baseline = await started.memory()
    const config: LoadConfig = {
      port: Number(new URL(base).port),
      connections,
      watchMs: plan.watchMs,
      openTimeoutMs: 60_000,
      holdMs: 120_000,
    }
    // Polling keeps the probe's own keep-alive connection warm: near a server's descriptor
    // limit (workerd under wrangler dev) a new connection for /stats would be refused.
    const warm = setInterval(() => getJson(`${base}/stats`).catch(() => {}), 1000)
    try {
      client = startChild(raiseOpenFiles(runtimeCommand('node', CLIENT)), {
        BENCH_CONFIG: JSON.stringify(config),
      })
      run.client = parseResult<LoadReport>(await client.waitForLine('@@bench-result', 150_000))
      run.openStreams = (await getJson<{ open: number }>(`${base}/stats`)).open
      run.loaded = await started.memory()
    } finally {
      clearInterval(warm)
    }

    client.send('close')
    const dropped = performance.now()
    await client.waitForLine('@@closed', 20_000)
    run.statsZeroMs = await poll(10, 20_000, dropped, async () => {
      return (await getJson<{ open: number }>(`${base}/stats`)).open === 0
    })
    run.after = await started.memory()
    const baselineHeap = run.baseline.heap
    if (baselineHeap !== null) {
      const live = started
      run.heapBackMs = await poll(100, 10_000, dropped, async () => {
        run.after = await live.memory()
        return (run.after.heap ?? 0) <= baselineHeap * 1.1 + HEAP_SLACK
      })
    }
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    const said = started?.diagnose()
    run.error = said ? `${message}; the server said: ${said}` : message
  } finally {
    await client?.stop()
    await started?.stop()
  }
  return run
}

/** Runs `check` every `everyMs` until it returns true: the time since `since`, or null. */
async function poll(
  everyMs: number,
  limitMs: number,
  since: number,
  check: () => Promise<boolean>,
): Promise<number | null> {
  while (performance.now() - since < limitMs) {
    if (await check()) return performance.now() - since
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  return null
}
