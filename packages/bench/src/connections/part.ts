import type { Part } from '../part.ts'
import { RUNTIMES } from '../part.ts'
import { writePart } from '../results.ts'
import { type ConnectionsPlan, measureConnections } from './measure.ts'
import type { ServerKind } from './routes.ts'
import { runtimeTarget } from './runtime-target.ts'
import type { ServerTarget } from './server-target.ts'
import type { ConnectionsRun } from './types.ts'
import { workerdTarget } from './workerd-target.ts'

const SERVERS: readonly ServerKind[] = ['ssekit', 'hono']

const FULL: ConnectionsPlan = {
  // 18 000: the open-files limit here is 20 000 per process, for the server and the client alike.
  sizes: [1000, 5000, 10_000, 18_000],
  // wrangler dev runs out of file descriptors between 3 000 and 5 000 here (see the report).
  workerdSizes: [1000, 3000, 5000],
  heartbeatMs: 1000,
  watchMs: 2500,
}
const SMOKE: ConnectionsPlan = { sizes: [10], workerdSizes: [10], heartbeatMs: 100, watchMs: 250 }

/**
 * Idle connections at scale, then all of them dropped at once (the report's memory and
 * disconnect-cleanup sections). Each run gets a fresh server, so its RSS starts from the same
 * baseline.
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
          const run = await measureConnections(target, server, connections, plan)
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
