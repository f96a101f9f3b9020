import { definePart } from '../harness/part.ts'
import { fmt, ratio, table } from '../report/markdown.ts'
import { type CompressionResults, type CompressionRun, runCompressionBench } from './run.ts'

/** The goals of issue 21, read off the chat payload. */
const MAX_RATIO_TO_IDENTITY = 0.3
const MAX_RATIO_TO_PLAIN_STREAM = 1.25
// The plain streams each coding is held to: zlib's and Brotli's own defaults, flushed per event.
const PLAIN_STREAM: Record<string, string> = {
  gzip: 'gzip (zlib defaults: window 2^15, level 6)',
  br: 'br (defaults: quality 11, window 2^22)',
}

const SMOKE = {
  subscribers: [50],
  events: { small: 10, large: 10 },
  payloads: ['chat', 'token'],
  codings: ['identity', 'gzip', 'br', 'shared-gzip'],
  levels: [],
  heartbeatMs: 200,
} as const
const FULL = {
  subscribers: [1_000, 10_000],
  // 40 events at 10 000 subscribers: each event is 10 000 compressions, about 0.4 s of CPU.
  events: { small: 200, large: 40 },
  payloads: ['chat', 'token'],
  codings: ['identity', 'gzip', 'br', 'shared-gzip'],
  levels: ['gzip:9', 'gzip:11', 'gzip:15', 'br:2'],
  heartbeatMs: 5_000,
} as const

const held = (memory: CompressionRun['memory']['opened']) => memory.heapKiB + memory.externalKiB

/**
 * Compression (issue 21): identity, a compressor per connection (gzip, Brotli, other levels) and
 * shared compressed blocks over one memory channel at 1 000 and 10 000 subscribers, each in a
 * fresh Node process; and the plain `node:zlib` streams flushed per event they are held to.
 */
export const compressionPart = definePart<CompressionResults>({
  name: 'compression',
  run: ({ smoke, log }) => runCompressionBench(smoke ? SMOKE : FULL, log),
  report: ({ references, runs }) => {
    const identityOf = (run: CompressionRun) =>
      runs.find(
        (other) =>
          other.coding === 'identity' &&
          other.payload === run.payload &&
          other.subscribers === run.subscribers,
      )
    const toIdentity = (run: CompressionRun) =>
      run.wireBytesPerEvent / (identityOf(run)?.wireBytesPerEvent ?? Number.NaN)
    const plainOf = (run: CompressionRun) =>
      references[`${run.payload}, ${run.events} events`]?.[PLAIN_STREAM[run.coding] ?? '']
    const codings = table(
      'Payload | Subscribers | Coding | Bytes / event | × identity | CPU µs / delivery | p50 / p99 publish → last byte (ms) | Held KiB / conn: open, busy, idle | RSS KiB / conn: busy',
      runs.map((run) => [
        run.payload,
        fmt(run.subscribers, 6),
        run.coding,
        run.wireBytesPerEvent.toFixed(1),
        toIdentity(run).toFixed(2),
        run.cpuMicrosPerDelivery.toFixed(1),
        `${run.latencyMs.p50.toFixed(0)} / ${run.latencyMs.p99.toFixed(0)}`,
        [run.memory.opened, run.memory.active, run.memory.idle]
          .map((memory) => held(memory).toFixed(1))
          .join(', '),
        run.memory.active.rssKiB.toFixed(0),
      ]),
    )
    const plain = table(
      'Payload | Stream flushed per event | Bytes / event | × identity',
      Object.entries(references).flatMap(([payload, streams]) =>
        Object.entries(streams).map(([name, bytes]) => [
          payload,
          name,
          bytes.toFixed(1),
          (bytes / (streams.identity ?? Number.NaN)).toFixed(2),
        ]),
      ),
    )
    const fanout = table(
      'Payload | Subscribers | Shared blocks ÷ per connection: bytes | CPU | p50 latency',
      runs
        .filter((run) => run.coding === 'shared-gzip')
        .map((shared) => {
          const own = runs.find(
            (run) =>
              run.coding === 'gzip' &&
              run.payload === shared.payload &&
              run.subscribers === shared.subscribers,
          )
          return [
            shared.payload,
            fmt(shared.subscribers, 6),
            ratio(shared.wireBytesPerEvent / (own?.wireBytesPerEvent ?? Number.NaN)),
            ratio(shared.cpuMicrosPerDelivery / (own?.cpuMicrosPerDelivery ?? Number.NaN)),
            ratio(shared.latencyMs.p50 / (own?.latencyMs.p50 ?? Number.NaN)),
          ]
        }),
    )
    const chat = runs.filter(
      (run) => run.payload === 'chat' && (run.coding === 'gzip' || run.coding === 'br'),
    )
    const targets = chat.flatMap((run) => {
      const where = `chat, ${fmt(run.subscribers, 6)} subscribers, ${run.coding}`
      const toPlain = run.wireBytesPerEvent / (plainOf(run) ?? Number.NaN)
      return [
        {
          id: `compression-identity:${run.coding}:${run.subscribers}`,
          target: `${where}: wire bytes ≤ ${MAX_RATIO_TO_IDENTITY}× identity`,
          measured: ratio(toIdentity(run)),
          ok: toIdentity(run) <= MAX_RATIO_TO_IDENTITY,
        },
        {
          id: `compression-plain:${run.coding}:${run.subscribers}`,
          target: `${where}: ≤ ${MAX_RATIO_TO_PLAIN_STREAM}× a plain stream flushed per event (${PLAIN_STREAM[run.coding]})`,
          measured: ratio(toPlain),
          ok: toPlain <= MAX_RATIO_TO_PLAIN_STREAM,
        },
      ]
    })
    return { blocks: { codings, plain, fanout }, targets }
  },
})
