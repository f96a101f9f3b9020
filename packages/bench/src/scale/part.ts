import { fileURLToPath } from 'node:url'
import { parseResult } from '../child-io.ts'
import { type Part, RUNTIMES } from '../part.ts'
import { start } from '../process.ts'
import { writePart } from '../results.ts'
import type { RuntimeName } from '../runtime.ts'
import { runtimeCommand } from '../spawn.ts'
import type { LoadConfig, LoadReport } from './load-client.ts'
import type { ServerKind } from './routes.ts'
import type { Memory, ScaleRun } from './types.ts'

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url))
const CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url))
const SERVERS: readonly ServerKind[] = ['ssekit', 'hono']

interface ScalePlan {
  sizes: number[]
  heartbeatMs: number
  /** Heartbeats are counted over this window: 2.5 intervals, so each stream owes at least 2. */
  watchMs: number
}

const FULL: ScalePlan = { sizes: [1000, 5000, 10_000], heartbeatMs: 1000, watchMs: 2500 }
const SMOKE: ScalePlan = { sizes: [10], heartbeatMs: 100, watchMs: 250 }

/**
 * Parts 3 and 4: idle connections at scale, then all of them dropped at once. Each run gets a
 * fresh server, so its RSS starts from the same baseline.
 */
export const connectionsPart: Part = {
  name: 'connections',
  async run({ smoke, outDir, log }) {
    const plan = smoke ? SMOKE : FULL
    const runs: ScaleRun[] = []
    for (const runtime of RUNTIMES) {
      for (const server of SERVERS) {
        for (const connections of plan.sizes) {
          log(`connections: ${runtime} ${server} ${connections}`)
          const run = await measure(runtime, server, connections, plan)
          log(`  ${summary(run)}`)
          runs.push(run)
        }
      }
    }
    const broken = runs.filter((run) => run.error || run.client.open === 0)
    await writePart(outDir, 'connections', { plan, runs }, smoke)
    if (smoke && broken.length > 0) {
      throw new Error(`connections: ${broken.map(summary).join('; ')}`)
    }
  },
}

function summary(run: ScaleRun): string {
  const { client } = run
  return run.error
    ? `${run.runtime} ${run.server} ${run.connections}: ${run.error}`
    : `${client.open}/${client.requested} open, ${client.withHeartbeat} with heartbeat, ` +
        `rss +${((run.loaded.rss - run.baseline.rss) / run.connections / 1024).toFixed(1)} KiB/conn, ` +
        `stats 0 after ${run.statsZeroMs?.toFixed(0)} ms`
}

async function measure(
  runtime: RuntimeName,
  server: ServerKind,
  connections: number,
  plan: ScalePlan,
): Promise<ScaleRun> {
  const serverProcess = start(runtimeCommand(runtime, SERVER, { exposeGc: true }), {
    SERVER_KIND: server,
    HEARTBEAT_MS: String(plan.heartbeatMs),
  })
  const empty: Memory = { rss: 0, heap: 0 }
  const run: ScaleRun = {
    runtime,
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
  let client: ReturnType<typeof start> | undefined
  try {
    const port = Number((await serverProcess.waitForLine('@@listening', 20_000)).split(' ')[1])
    const base = `http://127.0.0.1:${port}`
    run.version = (await getJson<{ version: string }>(`${base}/version`)).version
    run.baseline = await getJson<Memory>(`${base}/memory`)
    const config: LoadConfig = {
      port,
      connections,
      watchMs: plan.watchMs,
      openTimeoutMs: 60_000,
      holdMs: 120_000,
    }
    client = start(runtimeCommand('node', CLIENT), { BENCH_CONFIG: JSON.stringify(config) })
    run.client = parseResult<LoadReport>(await client.waitForLine('@@bench-result', 120_000))
    run.openStreams = (await getJson<{ open: number }>(`${base}/stats`)).open
    run.loaded = await getJson<Memory>(`${base}/memory`)

    client.child.stdin?.write('close\n')
    const dropped = performance.now()
    await client.waitForLine('@@closed', 20_000)
    run.statsZeroMs = await poll(
      10,
      20_000,
      async () => {
        return (await getJson<{ open: number }>(`${base}/stats`)).open === 0
      },
      dropped,
    )
    const limit = run.baseline.heap * 1.1 + 2 ** 20
    run.heapBackMs = await poll(
      100,
      10_000,
      async () => {
        run.after = await getJson<Memory>(`${base}/memory`)
        return run.after.heap <= limit
      },
      dropped,
    )
  } catch (error) {
    run.error = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
  } finally {
    await client?.stop()
    await serverProcess.stop()
  }
  return run
}

/** Calls `check` every `everyMs` until it returns true; the time since `since`, or null. */
async function poll(
  everyMs: number,
  limitMs: number,
  check: () => Promise<boolean>,
  since: number,
): Promise<number | null> {
  while (performance.now() - since < limitMs) {
    if (await check()) return performance.now() - since
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  return null
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) })
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return (await response.json()) as T
}
