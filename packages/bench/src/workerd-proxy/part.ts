import { fileURLToPath } from 'node:url'
import { parseResult } from '../child-io.ts'
import { type RunningChild, runChild, startChild } from '../child-process.ts'
import type { LoadConfig, LoadReport } from '../connections/load-client.ts'
import { groupLedBy } from '../connections/process-group.ts'
import type { ServerKind } from '../connections/routes.ts'
import type { StartedServer } from '../connections/server-target.ts'
import { workerdTarget } from '../connections/workerd-target.ts'
import type { Part } from '../part.ts'
import { writePart } from '../results.ts'
import { raiseOpenFiles, runtimeCommand } from '../runtime-command.ts'
import type { ChurnConfig, ChurnReport } from './churn-client.ts'
import { type ProcessSample, sampleGroup } from './proc-sample.ts'

const LOAD = fileURLToPath(new URL('../connections/load-client.ts', import.meta.url))
const CHURN = fileURLToPath(new URL('./churn-client.ts', import.meta.url))

/** What the part runs, per Worker. */
export interface ProxyPlan {
  kinds: ServerKind[]
  hold: { connections: number; heartbeatMs: number; afterS: number[] }
  churn: Omit<ChurnConfig, 'port'> & { heartbeatMs: number }
}

/** One Worker under wrangler dev: held streams, then churn. */
export interface ProxyRun {
  kind: ServerKind
  version: string
  hold: {
    client: LoadReport | null
    before: ProcessSample[]
    held: ProcessSample[]
    /** After every client dropped, at each of `afterS` seconds. */
    after: ProcessSample[][]
  }
  churn: { report: ChurnReport | null; peak: ProcessSample[]; after: ProcessSample[] }
  error?: string
}

export interface ProxyData {
  plan: ProxyPlan
  runs: ProxyRun[]
}

const FULL: ProxyPlan = {
  kinds: ['floor', 'ssekit', 'hono'],
  hold: { connections: 1000, heartbeatMs: 1000, afterS: [1, 3, 10] },
  // The churn, with the shared app's 15 s heartbeat.
  churn: { total: 10_000, batch: 500, holdMs: 400, heartbeatMs: 15_000 },
}
const SMOKE: ProxyPlan = {
  kinds: ['ssekit'],
  hold: { connections: 10, heartbeatMs: 200, afterS: [1] },
  churn: { total: 40, batch: 20, holdMs: 100, heartbeatMs: 200 },
}

/**
 * workerd under `wrangler dev`, where the per-stream cost is the dev proxy's: open files and RSS
 * of each process (the proxy workerd on the dev port, the Worker's workerd, wrangler's Node) with
 * idle streams held and after they drop, and at the peak of a churn of short streams. `floor`, a
 * bare `ReadableStream` Worker, tells what belongs to the proxy and what to a library.
 */
export const workerdProxyPart: Part = {
  name: 'workerd-proxy',
  async run({ smoke, outDir, log }) {
    const plan = smoke ? SMOKE : FULL
    const target = await workerdTarget()
    const runs: ProxyRun[] = []
    for (const kind of plan.kinds) {
      log(`workerd-proxy: ${kind}`)
      const run: ProxyRun = {
        kind,
        version: '',
        hold: { client: null, before: [], held: [], after: [] },
        churn: { report: null, peak: [], after: [] },
      }
      try {
        await hold(run, await target.start(kind, plan.hold.heartbeatMs), plan)
        await churn(run, await target.start(kind, plan.churn.heartbeatMs), plan)
      } catch (error) {
        run.error = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
      }
      runs.push(run)
    }
    await writePart(outDir, 'workerd-proxy', { plan, runs }, smoke)
    if (smoke && runs.some((run) => run.error)) throw new Error(`workerd-proxy: ${runs[0]?.error}`)
  },
}

async function hold(run: ProxyRun, server: StartedServer, plan: ProxyPlan): Promise<void> {
  let client: RunningChild | undefined
  try {
    run.version = server.version
    const { port, sample } = await sampler(server)
    run.hold.before = await sample()
    const config: LoadConfig = {
      port,
      connections: plan.hold.connections,
      watchMs: 2500,
      openTimeoutMs: 60_000,
      holdMs: 120_000,
    }
    client = startChild(raiseOpenFiles(runtimeCommand('node', LOAD)), {
      BENCH_CONFIG: JSON.stringify(config),
    })
    run.hold.client = parseResult<LoadReport>(await client.waitForLine('@@bench-result', 150_000))
    run.hold.held = await sample()
    client.send('close')
    await client.waitForLine('@@closed', 20_000)
    const dropped = performance.now()
    for (const seconds of plan.hold.afterS) {
      await new Promise((resolve) =>
        setTimeout(resolve, dropped + seconds * 1000 - performance.now()),
      )
      run.hold.after.push(await sample())
    }
  } finally {
    await client?.stop()
    await server.stop()
  }
}

async function churn(run: ProxyRun, server: StartedServer, plan: ProxyPlan): Promise<void> {
  try {
    const { port, sample } = await sampler(server)
    const peak = new Map<string, ProcessSample>()
    const watch = setInterval(async () => {
      for (const one of await sample()) {
        const best = peak.get(one.role)
        if (!best || one.fds > best.fds) peak.set(one.role, one)
      }
    }, 200)
    try {
      const { total, batch, holdMs } = plan.churn
      const config: ChurnConfig = { port, total, batch, holdMs }
      const { stdout } = await runChild(raiseOpenFiles(runtimeCommand('node', CHURN)), {
        env: { BENCH_CONFIG: JSON.stringify(config) },
        timeoutMs: 600_000,
      })
      run.churn.report = parseResult<ChurnReport>(stdout)
    } finally {
      clearInterval(watch)
    }
    run.churn.peak = [...peak.values()]
    await new Promise((resolve) => setTimeout(resolve, 10_000))
    run.churn.after = await sample()
  } finally {
    await server.stop()
  }
}

async function sampler(server: StartedServer) {
  const port = Number(new URL(server.base).port)
  const pgid = await groupLedBy(['--port', String(port)])
  if (pgid === undefined) throw new Error(`Cannot find wrangler dev's process group on ${port}`)
  return { port, sample: () => sampleGroup(pgid, port) }
}
