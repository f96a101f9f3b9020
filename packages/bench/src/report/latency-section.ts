import type { LatencyConfig, LatencyRun } from '../latency/types.ts'
import type { PartFile } from '../results.ts'
import { median, percentile } from '../stats.ts'
import { fmt, ours, ratio, type Section, table } from './markdown.ts'

export interface LatencyData {
  config: LatencyConfig
  runs: LatencyRun[]
}

/** Per runtime and path: p50, p99 and the p50 ratio to a raw enqueue. */
export function summarizeLatency(data: LatencyData) {
  return data.runs.flatMap((run) => {
    const raw = run.paths.find((path) => path.path === 'raw-enqueue')
    const rawP50 = raw ? median(raw.us) : Number.NaN
    return run.paths.map((path) => ({
      runtime: `${run.runtime} ${run.version}`,
      path: path.path,
      label: path.label,
      p50: median(path.us),
      p99: percentile(path.us, 99),
      vsRaw: median(path.us) / rawP50,
    }))
  })
}

export function latencySection(file: PartFile<LatencyData>): Section {
  const rows = summarizeLatency(file.data)
  const markdown = [
    '## 2. Lone-event latency',
    '',
    'An open stream sits idle with its reader already waiting in `read()`; after a macrotask turn',
    'one small JSON event is written and the time until `read()` returns its bytes is taken with',
    '`performance.now()`. The paths alternate sample by sample',
    `(${fmt(file.data.config.samples)} samples each, after a warm-up).`,
    "`encode-enqueue` is a diagnostic: ssekit's `encode()` without its outbox, which splits",
    "ssekit's cost between formatting and queueing.",
    '',
    table(
      ['Runtime', 'Path', 'p50 µs', 'p99 µs', 'p50 vs raw'],
      rows.map((row) => [
        row.runtime,
        `${ours(row.path)}: ${row.label}`,
        fmt(row.p50),
        fmt(row.p99),
        ratio(row.vsRaw),
      ]),
    ),
    '',
  ].join('\n')
  return { markdown, charts: [] }
}
