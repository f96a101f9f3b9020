import type { FanoutConfig, FanoutRun } from '../fanout/types.ts'
import type { PartFile } from '../results.ts'
import { fmt, ratio, type Section, table } from './markdown.ts'

export interface FanoutData {
  config: FanoutConfig
  runs: FanoutRun[]
}

/** Fan-out: one publish to many subscribers, channel against per-subscriber encode. */
export function fanoutSection(file: PartFile<FanoutData>): Section {
  const rows = file.data.runs.flatMap((run) =>
    run.results.map((result) => [
      `${run.runtime} ${run.version}`,
      fmt(result.subscribers, 6),
      fmt(result.channel.publish.p50),
      fmt(result.channel.publish.p99),
      fmt(result.channel.delivered.p50),
      fmt(result.channel.delivered.p99),
      fmt(result.baseline.delivered.p50),
      fmt(result.baseline.delivered.p99),
      ratio(result.baseline.delivered.p50 / result.channel.delivered.p50),
      `${fmt(result.channel.encodes, 6)} / ${fmt(result.publishes, 6)}`,
    ]),
  )
  const markdown = [
    '## 5. Fan-out',
    '',
    'One event published to N in-process subscribers, each with a reader draining its stream,',
    'measured by `benchFanout` (packages/bench/src/fanout/measure.ts) on each runtime in turn.',
    "**publish** is the publisher's synchronous cost, **delivered** runs until every reader holds",
    'the event. The baseline gives every subscriber its own `sseStream` and calls `sink.send()` on',
    "each, one encode per subscriber. Milliseconds per publish; the channel's encode counter is",
    'shown against the publishes (warm-up included), and the target is p99 < 5 ms at 10 000 on Node.',
    '',
    table(
      [
        'Runtime',
        'Subscribers',
        'publish p50',
        'publish p99',
        'delivered p50',
        'delivered p99',
        'baseline delivered p50',
        'baseline delivered p99',
        'gain (p50)',
        'encodes',
      ],
      rows,
    ),
    '',
  ].join('\n')
  return { markdown, charts: [] }
}
