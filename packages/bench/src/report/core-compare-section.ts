import type { CompareRun } from '../core-compare/types.ts'
import type { PartFile } from '../results.ts'
import { median } from '../stats.ts'
import { fmt, ratio, type Section, table } from './markdown.ts'

export interface CoreCompareData {
  rev: string
  runs: CompareRun[]
}

/** The in-process parts with the core as it is against an earlier core, interleaved. */
export function coreCompareSection(file: PartFile<CoreCompareData>): Section {
  const { rev, runs } = file.data
  const rows = runs.flatMap((run) =>
    run.rows.map((row) => {
      const ratios = row.after.map((after, i) => (row.before[i] ?? Number.NaN) / after)
      return [
        `${run.runtime} ${run.version}`,
        row.what,
        `${fmt(median(row.before))} → ${fmt(median(row.after))} ${row.unit}`,
        ratio(median(ratios)),
      ]
    }),
  )
  const markdown = [
    '## 10. The core now against the core before these changes (in process)',
    '',
    `\`pnpm --filter @ssekit/bench compare-core ${rev}\` builds the core of \`${rev}\` aside and runs`,
    "section 1's ssekit producers (awaiting every `send()`: **await**; awaiting only when",
    "`!sink.ready`: **ready**) and section 5's fan-out with both cores in the same process, the two",
    'alternating round by round. **× as fast** is the median of same-round ratios (above 1: faster now).',
    '',
    table(['Runtime', 'Measure', 'Before → now (median)', '× as fast'], rows),
    '',
  ].join('\n')
  return { markdown, charts: [] }
}
