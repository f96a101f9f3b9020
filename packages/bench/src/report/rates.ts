import { median, pairedRatio } from '../harness/stats.ts'
import { MESSAGE_KINDS } from '../messages.ts'
import { fmt, ours, ratio, runtimeLabel, table } from './markdown.ts'

/** Timed streams of one runtime: per message kind and contender, ms per stream per round. */
export interface StreamRun {
  runtime: string
  version: string
  kinds: {
    kind: string
    count: number
    contenders: { contender: string; ms: number[]; bytes: number }[]
  }[]
}

/** One contender on one runtime for one kind: its rates and its same-round ratios. */
export interface RateRow {
  runtime: string
  label: string
  kind: string
  contender: string
  eventsPerSecond: number
  megabytesPerSecond: number
  /** Against each reference contender, as in `rateRows`' `against`. */
  vs: number[]
}

/** Rates at the median stream time, and ratios to each of `against` (median of same-round ratios). */
export function rateRows(runs: readonly StreamRun[], against: readonly string[]): RateRow[] {
  return runs.flatMap((run) =>
    run.kinds.flatMap(({ kind, count, contenders }) => {
      const ms = (name: string) => contenders.find((c) => c.contender === name)?.ms ?? []
      return contenders.map((c) => ({
        runtime: run.runtime,
        label: runtimeLabel(run),
        kind,
        contender: c.contender,
        eventsPerSecond: count / (median(c.ms) / 1000),
        megabytesPerSecond: c.bytes / (median(c.ms) / 1000) / 1e6,
        vs: against.map((name) => pairedRatio(c.ms, ms(name))),
      }))
    }),
  )
}

/** One table per message kind, `{ 'small-json': …, … }`, a ratio column per `× column`. */
export function rateTables(rows: readonly RateRow[], columns: readonly string[]) {
  const tables: Record<string, string> = {}
  for (const { name } of MESSAGE_KINDS) {
    const cells = rows
      .filter((row) => row.kind === name)
      .map((r) => [
        r.label,
        ours(r.contender),
        fmt(r.eventsPerSecond),
        fmt(r.megabytesPerSecond),
        ...r.vs.map(ratio),
      ])
    tables[name] = table(['Runtime | Contender | events/s | MB/s', ...columns].join(' | '), cells)
  }
  return tables
}
