import { definePart } from '../harness/part.ts'
import { RUNTIMES } from '../harness/runtime.ts'
import type { ConnectionsRun } from './measure.ts'
import { measureConnections } from './measure.ts'
import { report } from './report.ts'
import type { IdleKind } from './routes.ts'
import { runtimeTarget, type Target, workerdTarget } from './targets.ts'

/** How many streams each target holds, and how fast their heartbeats come. */
export interface ConnectionsPlan {
  sizes: number[]
  /** workerd under wrangler dev is tried on these. */
  workerdSizes: number[]
  heartbeatMs: number
  /** Heartbeats are counted over this window: 2.5 intervals, so each stream owes at least 2. */
  watchMs: number
}

const FULL: ConnectionsPlan = {
  // 18 000: the open-files limit here is 20 000 per process, for the server and the client alike.
  sizes: [1000, 5000, 10_000, 18_000],
  // wrangler dev runs out of file descriptors between 3 000 and 5 000 here.
  workerdSizes: [1000, 3000, 5000],
  heartbeatMs: 1000,
  watchMs: 2500,
}
const SMOKE: ConnectionsPlan = { sizes: [10], workerdSizes: [10], heartbeatMs: 100, watchMs: 250 }

/**
 * Idle streams at scale, then all of them dropped at once: memory per stream, heartbeats
 * delivered, and how fast the server lets go. A fresh server per run, so each starts from the
 * same baseline. On workerd the bare `floor` Worker runs too: what fails for it is not a library's.
 */
export const connectionsPart = definePart<{ plan: ConnectionsPlan; runs: ConnectionsRun[] }>({
  name: 'connections',
  async run({ smoke, log }) {
    const plan = smoke ? SMOKE : FULL
    // BENCH_ONLY=node,ssekit,10000 picks scenarios while working on the bench.
    const only = process.env.BENCH_ONLY?.split(',')
    const picked = (...keys: string[]) => !only || keys.every((key) => only.includes(key))
    const targets: {
      runtime: string
      make: () => Promise<Target>
      sizes: number[]
      kinds: IdleKind[]
    }[] = [
      ...RUNTIMES.map((runtime) => ({
        runtime,
        make: async () => runtimeTarget(runtime),
        sizes: plan.sizes,
        kinds: ['ssekit', 'hono'] as IdleKind[],
      })),
      {
        runtime: 'workerd',
        make: workerdTarget,
        sizes: plan.workerdSizes,
        kinds: ['ssekit', 'hono', 'floor'],
      },
    ]
    const runs: ConnectionsRun[] = []
    for (const { runtime, make, sizes, kinds } of targets) {
      if (!picked(runtime)) continue
      const target = await make()
      for (const kind of kinds) {
        for (const size of sizes.filter((n) => picked(target.runtime, kind, String(n)))) {
          const run = await measureConnections(target, kind, size, plan)
          const rss = (run.loaded.rss - run.baseline.rss) / size / 1024
          log(
            `${target.runtime} ${kind} ${size}: ${run.error ?? `${run.client.withHeartbeat} with heartbeat, rss +${rss.toFixed(1)} KiB/stream`}`,
          )
          runs.push(run)
        }
      }
    }
    // A full run reports what each server could not hold; the smoke run's handful must all work.
    const broken = runs.filter((run) => run.error || run.client.open !== run.connections)
    if (smoke && (broken.length > 0 || runs.length === 0)) {
      throw new Error(
        `connections: ${broken.map((run) => run.error ?? `${run.runtime} ${run.server}`).join('; ') || 'no run'}`,
      )
    }
    return { plan, runs }
  },
  report,
})
