/**
 * Why a target was missed, written by hand from the profiles and the runs (see the analysis at
 * the end of BENCHMARKS.md), keyed by the target's id. A reason shows only next to a miss.
 */
export const MISS_REASONS: Readonly<Record<string, string>> = {
  'throughput-limit':
    "`await sink.send()` costs a microtask per event that the limit's synchronous pull loop does not; `sink.ready` (the ssekit-ready rows) passes the limit",
  'latency-raw':
    'a few hundred nanoseconds of calls (sink → connection → outbox → enqueue), under every runtime’s p99 noise',
}
