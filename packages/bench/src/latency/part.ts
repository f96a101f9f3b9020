import { fileURLToPath } from 'node:url'
import { definePart, type RuntimeData, runtimeRun } from '../harness/part.ts'
import { median, percentile } from '../harness/stats.ts'
import { fmt, ours, ratio, runtimeLabel, table } from '../report/markdown.ts'

/** Samples per path, taken `perRound` at a time with the paths in turn. */
export type LatencyConfig = typeof SMOKE
const SMOKE = { samples: 20, perRound: 10 }

/** Microseconds from a write to its bytes being readable, per path. */
type Run = { paths: { path: string; label: string; us: number[] }[] }

/** Lone-event latency: one write on an idle stream against a raw `enqueue`, on every runtime. */
export const latencyPart = definePart<RuntimeData<LatencyConfig, Run>>({
  name: 'latency',
  run: runtimeRun(fileURLToPath(new URL('./entry.ts', import.meta.url)), {
    full: { samples: 3000, perRound: 100 },
    smoke: SMOKE,
  }),
  report({ runs }) {
    const rows = runs.flatMap((run) => {
      const raw = median(run.paths.find((p) => p.path === 'raw-enqueue')?.us ?? [Number.NaN])
      return run.paths.map(({ path, label, us }) => {
        const [p50, p99] = [median(us), percentile(us, 99)]
        return {
          runtime: runtimeLabel(run),
          path,
          p50,
          vsRaw: p50 / raw,
          cells: [`${ours(path)}: ${label}`, fmt(p50), fmt(p99)],
        }
      })
    })
    return {
      blocks: {
        table: table(
          'Runtime | Path | p50 µs | p99 µs | p50 vs raw',
          rows.map((row) => [row.runtime, ...row.cells, ratio(row.vsRaw)]),
        ),
      },
      targets: rows
        .filter((row) => row.path === 'ssekit')
        .map((row) => ({
          id: 'latency-raw',
          target: `${row.runtime}: lone-event latency no worse than a raw enqueue (p50)`,
          measured: `${fmt(row.p50)} µs, ${ratio(row.vsRaw)} raw`,
          ok: row.vsRaw <= 1,
        })),
    }
  },
})
