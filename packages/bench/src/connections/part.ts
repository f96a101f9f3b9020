import { definePart } from '../harness/part.ts'
import { RUNTIMES } from '../harness/runtime.ts'
import { type ConnectionsRun, measureConnections } from './measure.ts'
import { report } from './report.ts'

const FULL = {
  // 18 000: the open-files limit here is 20 000 per process, for the server and the client alike.
  sizes: [1000, 5000, 10_000, 18_000],
  heartbeatMs: 1000,
  /** Heartbeats are counted over this window: 2.5 intervals, so each stream owes at least 2. */
  watchMs: 2500,
}
const SMOKE: typeof FULL = { sizes: [10], heartbeatMs: 100, watchMs: 250 }

/**
 * Idle streams at scale, then all of them dropped at once: memory per stream, heartbeats
 * delivered, and how fast the server lets go. A fresh server per run, so each starts from the
 * same baseline.
 */
export const connectionsPart = definePart<{ plan: typeof FULL; runs: ConnectionsRun[] }>({
  name: 'connections',
  async run({ smoke, log }) {
    const plan = smoke ? SMOKE : FULL
    // BENCH_ONLY=node,ssekit,10000 picks scenarios while working on the bench.
    const only = process.env.BENCH_ONLY?.split(',')
    const picked = (...keys: string[]) => !only || keys.every((key) => only.includes(key))
    const runs: ConnectionsRun[] = []
    for (const runtime of RUNTIMES) {
      for (const kind of ['ssekit', 'hono'] as const) {
        for (const size of plan.sizes.filter((n) => picked(runtime, kind, `${n}`))) {
          const run = await measureConnections(runtime, kind, size, plan)
          const held = `${run.client.withHeartbeat} of ${size} with heartbeats`
          log(`${runtime} ${kind} ${size}: ${run.error ?? held}`)
          runs.push(run)
        }
      }
    }
    // A full run reports what each server could not hold; the smoke run's handful must all work.
    const broken = runs.filter((run) => run.error || run.client.open !== run.connections)
    if (smoke && (broken.length > 0 || runs.length === 0)) {
      throw new Error(
        broken.map((run) => run.error ?? `${run.runtime} ${run.server}`).join('; ') || 'No run',
      )
    }
    return { plan, runs }
  },
  report,
})
