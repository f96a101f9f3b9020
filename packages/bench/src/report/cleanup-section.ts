import { HEAP_SLACK } from '../connections/measure.ts'
import type { PartFile } from '../results.ts'
import { type ConnectionsData, MIB, runtimeLabel } from './connections-section.ts'
import { fmt, ours, type Section, table } from './markdown.ts'

/** Disconnect cleanup: every connection dropped at once, and how fast the server lets go. */
export function cleanupSection(file: PartFile<ConnectionsData>): Section {
  const runs = file.data.runs.filter((run) => !run.error)
  const markdown = [
    '## 4. Disconnect cleanup',
    '',
    'At the end of each run of section 3 the load client destroys every socket at once. The',
    'orchestrator polls `/stats` every 10 ms until it says 0, then the heap (after a full GC) every',
    `100 ms until it is back within 10 % + ${fmt(HEAP_SLACK / MIB)} MiB of its baseline.`,
    'The 1 000-connection rows are the case that has to work; the larger ones come free.',
    '**Heap kept** is what the heap holds above its baseline afterwards, per dropped connection.',
    '',
    table(
      [
        'Runtime',
        'Server',
        'Dropped',
        '`/stats` = 0 after (ms)',
        'Heap back after (ms)',
        'Heap after / before (MiB)',
        'Heap kept / conn (bytes)',
        'RSS after (MiB)',
      ],
      runs.map((run) => {
        const { heap: before } = run.baseline
        const { heap: after } = run.after
        return [
          runtimeLabel(run),
          ours(run.server),
          fmt(run.connections, 6),
          run.statsZeroMs === null ? 'never (20 s)' : fmt(run.statsZeroMs),
          before === null
            ? 'n/a (no heap view)'
            : run.heapBackMs === null
              ? 'not within 10 s'
              : fmt(run.heapBackMs),
          after === null || before === null ? 'n/a' : `${fmt(after / MIB)} / ${fmt(before / MIB)}`,
          after === null || before === null
            ? 'n/a'
            : fmt(Math.max(0, after - before) / run.connections),
          fmt(run.after.rss / MIB),
        ]
      }),
    ),
    '',
  ].join('\n')
  return { markdown, charts: [] }
}
