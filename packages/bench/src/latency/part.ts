import { fileURLToPath } from 'node:url'
import { definePart, type RuntimeData, runtimeRun } from '../harness/part.ts'
import { median, percentile } from '../harness/stats.ts'
import { fmt, ours, ratio, runtimeLabel, table } from '../report/markdown.ts'

/** Samples per path, taken `perRound` at a time with the paths in turn. */
export interface LatencyConfig {
  samples: number
  perRound: number
}

/** Microseconds from a write to its bytes being readable, per sample. */
export interface LatencyRun {
  paths: { path: string; label: string; us: number[] }[]
}

/** Lone-event latency: one write on an idle stream against a raw `enqueue`, on every runtime. */
export const latencyPart = definePart<RuntimeData<LatencyConfig, LatencyRun>>({
  name: 'latency',
  run: runtimeRun<LatencyConfig, LatencyRun>({
    entry: fileURLToPath(new URL('./entry.ts', import.meta.url)),
    full: { samples: 3000, perRound: 100 },
    smoke: { samples: 20, perRound: 10 },
    timeoutMs: 180_000,
  }),
  report({ runs }) {
    const rows = runs.flatMap((run) => {
      const raw = median(run.paths.find((p) => p.path === 'raw-enqueue')?.us ?? [Number.NaN])
      return run.paths.map(({ path, label, us }) => ({
        runtime: runtimeLabel(run),
        path,
        label,
        p50: median(us),
        p99: percentile(us, 99),
        vsRaw: median(us) / raw,
      }))
    })
    return {
      blocks: {
        table: table(
          ['Runtime', 'Path', 'p50 µs', 'p99 µs', 'p50 vs raw'],
          rows.map((r) => [
            r.runtime,
            `${ours(r.path)}: ${r.label}`,
            fmt(r.p50),
            fmt(r.p99),
            ratio(r.vsRaw),
          ]),
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
