import type { DurableObjectData, ModeResult } from '../durable-object/types.ts'
import type { PartFile } from '../results.ts'
import { fmt, type Section, table } from './markdown.ts'

const MODE_NAMES = {
  object: '`@ssekit/cloudflare` (stream in the Worker, hibernatable WebSocket to the object)',
  direct: "direct (the object's `fetch` returns the stream)",
} as const

function awake(run: ModeResult): string {
  const least = fmt(run.awakeAtLeastMs / 1000)
  if (run.evictedWithinMs === null) return `still in memory after ${least} s idle: never evicted`
  return `in memory ${least} s, evicted within ${fmt(run.evictedWithinMs / 1000)} s`
}

/** The durable-object part: the DO-backed channel against the direct mode. */
export function durableObjectSection(file: PartFile<DurableObjectData>): Section {
  const { plan, runs } = file.data
  const rows = runs.map((run) => [
    MODE_NAMES[run.mode],
    fmt(run.subscribers, 6),
    fmt(run.deliveryMs.p50),
    fmt(run.deliveryMs.p99),
    fmt(run.publishMs.p50),
    awake(run),
  ])
  const markdown = [
    '## 12. Durable Objects under wrangler dev',
    '',
    `wrangler ${file.data.wrangler}, workerd ${file.data.workerd}, on loopback. ${plan.subscribers}`,
    `subscribers on one channel; ${plan.events} events published one at a time, each timed from`,
    'sending `POST /publish` until a subscriber has it (every subscriber, every event). Then, with',
    'every subscriber idle, the client waits, publishes, and reads a construction counter the',
    "object keeps in the isolate's module scope: a new construction means the runtime evicted",
    '(hibernated) the object while it waited. Waits double from',
    `${fmt(plan.firstWaitMs / 1000)} s to ${fmt(plan.maxWaitMs / 1000)} s, then bisect to`,
    `${fmt(plan.resolutionMs / 1000)} s. Milliseconds unless marked.`,
    '',
    table(
      [
        'Mode',
        'Subscribers',
        'delivery p50',
        'delivery p99',
        'publish round trip p50',
        'idle object',
      ],
      rows,
    ),
    '',
    'What this shows and what it cannot: locally, workerd evicts a hibernatable object some',
    'seconds after its last event, and the next event constructs it again (its WebSockets and',
    'SQLite survive); a direct-mode object holds a request per subscriber and is never evicted. The',
    "local eviction delay is workerd's, not a bill: Cloudflare bills duration only while an object",
    'cannot hibernate, and not at all once it could (packages/cloudflare/README.md has the',
    'arithmetic). Local latency includes no network between the Worker and the object.',
    '',
  ].join('\n')
  return { markdown, charts: [] }
}
