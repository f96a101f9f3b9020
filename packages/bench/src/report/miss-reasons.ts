/**
 * Why a target was missed, written by hand from the profiles and the runs (see the analysis at
 * the end of BENCHMARKS.md), keyed by the target's id or a prefix of it (`fanout-hono:bun` covers
 * every size on Bun). A reason shows only next to a miss.
 */
export const MISS_REASONS: Readonly<Record<string, string>> = {
  'throughput-limit':
    "`await sink.send()` costs a microtask per event that the limit's synchronous pull loop does not; `sink.ready` (the ssekit-ready rows) passes the limit",
  'latency-raw':
    'a few hundred nanoseconds of calls (sink → connection → outbox → enqueue), under every runtime’s p99 noise',
  stream:
    "each `await sink.send()` is a promise turn per event that the limit's synchronous loop (64 events per write) never pays: 0.79 against 0.64 µs of CPU per event on Node, JSON and encoding alike; the same producer awaiting only when `!sink.ready` is at 0.94–1.12× (section 6); the fetch adapter's pump is 0.1–2 % of the profile, not the bound",
  'stream:bun:ssekit:data-1kb':
    'as for small events, and Bun.serve pays per chunk: ssekit flushes at 32 KiB where the limit writes 64 × 1 KB; awaiting only when `!sink.ready` reaches 0.85×',
  'fanout-rate:node:ssekit':
    "the fetch adapter's `ReadableStream` → socket pump, not ssekit: the hand-written broadcast through the same adapter (hand-web) is at 0.64–0.88× too, and the pump's share grows with the sockets (profile, section 7); `directWrite()` (ssekit-direct) takes it out: 0.84–1.15×",
  'fanout-hono:node:ssekit':
    'Hono runs through the same adapter pump; with `directWrite()` ssekit is 3.5–4.4× Hono',
  'fanout-p99:node:ssekit':
    'with 120 samples the p99 is the second-slowest publish, decided by one long turn of the adapter pump or a GC pause at 1 000 and 10 000 (1.19× at 5 000); `directWrite()` is at 0.5–0.93×',
  'fanout-hono:bun':
    "unreachable here: Hono on Bun already delivers 0.71–0.72× of the hand-written broadcast, so 3× Hono is 2.1× the runtime's own limit; ssekit is at 0.96–1.03× of that limit",
  'fanout-hono:deno':
    "3× Hono is 0.93–1.23× the hand-written limit on Deno (Hono is at 0.31–0.41× of it); ssekit is at 0.81–0.93×: about 1.5 µs more user CPU per message than the hand-written broadcast, outside ssekit's own code (7 % of an inspector profile) and not from timers (the same without heartbeats); not found",
}
