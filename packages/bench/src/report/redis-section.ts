import type { RedisBenchData } from '../redis/types.ts'
import type { PartFile } from '../results.ts'
import { percentile } from '../stats.ts'
import { fmt, type Section, table } from './markdown.ts'

const stats = (samples: number[]) => ({
  p50: percentile(samples, 50),
  p99: percentile(samples, 99),
  max: Math.max(...samples),
})

/** Issue 9: one channel across two processes on one Redis, against the in-process channel. */
export function redisSection(file: PartFile<RedisBenchData>): Section {
  const { config, publisher, subscriber } = file.data
  const between = (arrivals: number[]) =>
    arrivals.map((at, k) => at - (publisher.sentAt[k] as number))
  const remote = stats(between(subscriber.remoteAt))
  const local = stats(between(publisher.localAt))
  const inProcess = stats(subscriber.inProcess)
  const row = (path: string, s: ReturnType<typeof stats>) => [
    path,
    fmt(s.p50),
    fmt(s.p99),
    fmt(s.max),
  ]
  const perEvent = (command: string) =>
    fmt((publisher.commands[command] ?? 0) / publisher.acknowledged)
  const goal = remote.p99 < 10 ? '✅ met' : '❌ missed'
  const markdown = [
    '## 13. One channel across processes on Redis',
    '',
    `Two Node ${file.data.node} processes (instances A and B) share one \`@ssekit/redis\` channel on one`,
    `Redis ${file.data.redis} (loopback, \`appendonly yes\`, \`appendfsync everysec\`), each with`,
    `${fmt(config.subscribers, 6)} subscribers read in process. A publishes ${fmt(config.events, 6)}`,
    `events, one every ${config.intervalMs} ms; a latency is from A's \`publish()\` call until every`,
    "subscriber of the instance holds the event (wall clocks of one machine). A's own subscribers get",
    "it through Redis and A's reader too. The in-process channel is `createChannel()` with as many",
    `subscribers, alone in B before the Redis phase. Milliseconds. Goal: p99 < 10 ms on B: ${goal}`,
    `(the machine's load average was ${fmt(file.data.loadAverage ?? Number.NaN, 2)} on its 2 cores when this ran;`,
    'compare with the in-process row, measured in the same conditions).',
    '',
    table(
      ['Path', 'p50', 'p99', 'max'],
      [
        row(`A → Redis → B (${fmt(config.subscribers, 6)} subscribers on B)`, remote),
        row(`A → Redis → A (${fmt(config.subscribers, 6)} subscribers on A)`, local),
        row(`in-process channel (${fmt(config.subscribers, 6)} subscribers)`, inProcess),
      ],
    ),
    '',
    `Throughput: A publishes ${fmt(config.throughputEvents, 6)} events with ${config.concurrency} in flight;`,
    'B has one subscriber. Redis commands per event are `INFO commandstats` calls over that phase,',
    'divided by the events: one EVALSHA per publish (the XADD, the clock and the trim run inside it),',
    "and the readers' XREAD calls, which batch under load.",
    '',
    table(
      ['Measure', 'Value'],
      [
        [
          'publishes acknowledged / s (A)',
          fmt((publisher.acknowledged / publisher.publishMs) * 1000),
        ],
        ['events delivered / s (B)', fmt((subscriber.received / subscriber.receiveMs) * 1000)],
        ['EVALSHA per event', perEvent('evalsha')],
        ['XADD per event (inside the script)', perEvent('xadd')],
        ['XREAD per event (both readers)', perEvent('xread')],
      ],
    ),
    '',
  ].join('\n')
  return { markdown, charts: [] }
}
