import { fileURLToPath } from 'node:url'
import { parseResult } from '../child-io.ts'
import { type Part, RUNTIMES } from '../part.ts'
import { start } from '../process.ts'
import { writePart } from '../results.ts'
import { runtimeCommand } from '../spawn.ts'
import type { LoadConfig, LoadReport } from './load-client.ts'
import type { ServerKind } from './routes.ts'
import { getJson, runtimeTarget, type ServerTarget, workerdTarget } from './targets.ts'
import type { ConnectionsRun } from './types.ts'

const CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url))
const SERVERS: readonly ServerKind[] = ['ssekit', 'hono']
// A heap after GC counts as back at its baseline within 10 % plus this: a server that has run
// keeps some compiled code and caches it did not have before its first request.
const HEAP_SLACK = 2 * 2 ** 20

export interface ConnectionsPlan {
  sizes: number[]
  /** workerd under wrangler dev is tried on these sizes. */
  workerdSizes: number[]
  heartbeatMs: number
  /** Heartbeats are counted over this window: 2.5 intervals, so each stream owes at least 2. */
  watchMs: number
}

const FULL: ConnectionsPlan = {
  sizes: [1000, 5000, 10_000],
  // wrangler dev runs out of file descriptors between 3 000 and 5 000 here (see the report).
  workerdSizes: [1000, 3000, 5000],
  heartbeatMs: 1000,
  watchMs: 2500,
}
const SMOKE: ConnectionsPlan = { sizes: [10], workerdSizes: [10], heartbeatMs: 100, watchMs: 250 }

/**
 * Parts 3 and 4: idle connections at scale, then all of them dropped at once. Each run gets a
 * fresh server, so its RSS starts from the same baseline.
 */
export const connectionsPart: Part = {
  name: 'connections',
  async run({ smoke, outDir, log }) {
    const plan = smoke ? SMOKE : FULL
    // BENCH_ONLY=node,ssekit,10000 picks scenarios while working on the bench.
    const only = process.env.BENCH_ONLY?.split(',')
    const picked = (...keys: string[]) => !only || keys.every((key) => only.includes(key))
    const targets: { target: () => Promise<ServerTarget>; sizes: number[] }[] = [
      ...RUNTIMES.filter((runtime) => picked(runtime)).map((runtime) => ({
        target: async () => runtimeTarget(runtime),
        sizes: plan.sizes,
      })),
      ...(picked('workerd') ? [{ target: workerdTarget, sizes: plan.workerdSizes }] : []),
    ]
    const runs: ConnectionsRun[] = []
    for (const { target: makeTarget, sizes } of targets) {
      const target = await makeTarget()
      for (const server of SERVERS) {
        for (const connections of sizes) {
          if (!picked(target.runtime, server, String(connections))) continue
          log(`connections: ${target.runtime} ${server} ${connections}`)
          const run = await measure(target, server, connections, plan)
          log(`  ${summary(run)}`)
          runs.push(run)
        }
      }
    }
    await writePart(outDir, 'connections', { plan, runs }, smoke)
    // A full run reports what each server could not hold; the smoke run's handful must all work.
    const broken = runs.filter((run) => run.error || run.client.open !== run.connections)
    if (smoke && (broken.length > 0 || runs.length === 0)) {
      throw new Error(`connections: ${broken.map(summary).join('; ') || 'no run'}`)
    }
  },
}

function summary(run: ConnectionsRun): string {
  const { client } = run
  const rss = (run.loaded.rss - run.baseline.rss) / run.connections / 1024
  return run.error
    ? `${run.runtime} ${run.server} ${run.connections}: ${run.error}`
    : `${client.open}/${client.requested} open, ${client.withHeartbeat} with heartbeat, ` +
        `rss +${rss.toFixed(1)} KiB/conn, /stats 0 after ${run.statsZeroMs?.toFixed(0)} ms`
}

async function measure(
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
  let started: Awaited<ReturnType<ServerTarget['start']>> | undefined
  let client: ReturnType<typeof start> | undefined
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
      client = start(runtimeCommand('node', CLIENT), { BENCH_CONFIG: JSON.stringify(config) })
      run.client = parseResult<LoadReport>(await client.waitForLine('@@bench-result', 150_000))
      run.openStreams = (await getJson<{ open: number }>(`${base}/stats`)).open
      run.loaded = await started.memory()
    } finally {
      clearInterval(warm)
    }

    client.child.stdin?.write('close\n')
    const dropped = performance.now()
    await client.waitForLine('@@closed', 20_000)
    run.statsZeroMs = await poll(10, 20_000, dropped, async () => {
      return (await getJson<{ open: number }>(`${base}/stats`)).open === 0
    })
    run.after = await started.memory()
    const baselineHeap = run.baseline.heap
    if (baselineHeap !== null) {
      run.heapBackMs = await poll(100, 10_000, dropped, async () => {
        run.after = await (started as NonNullable<typeof started>).memory()
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
