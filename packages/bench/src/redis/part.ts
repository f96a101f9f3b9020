import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { runEntry } from '../harness/child.ts'
import { definePart } from '../harness/part.ts'
import { startRedis } from '../harness/redis-server.ts'
import { percentile } from '../harness/stats.ts'
import { fmt, ratio, table } from '../report/markdown.ts'
import type { PublisherResult, SubscriberResult } from './instance.ts'

const ENTRY = fileURLToPath(new URL('./instance.ts', import.meta.url))

/**
 * The sizes of a run: in-process subscribers on each instance; `events` published one every
 * `intervalMs`, after `warmupEvents` on the same schedule that are not counted (a fresh process
 * runs its first events through cold code, which would otherwise set the p99); then
 * `throughputEvents` with `concurrency` publishes in flight.
 */
const SMOKE = {
  subscribers: 20,
  warmupEvents: 10,
  events: 30,
  intervalMs: 5,
  throughputEvents: 300,
  concurrency: 8,
}
const FULL = {
  subscribers: 10_000,
  warmupEvents: 50,
  events: 300,
  // One process delivers an event to 10 000 in-process streams in about 30 ms on a quiet machine
  // (see "Fan-out"); 200 ms leaves room for a loaded one.
  intervalMs: 200,
  throughputEvents: 20_000,
  concurrency: 64,
}
export type RedisConfig = typeof SMOKE

const stats = (ms: number[]) =>
  [percentile(ms, 50), percentile(ms, 99), Math.max(...ms)].map((v) => fmt(v))

/**
 * One channel across two Node processes on one Redis (loopback, AOF on): publish on A to delivery
 * on B with 10 000 subscribers on each, beside the in-process channel (each after the same
 * uncounted warm-up); events/s through Redis, beside a plain XADD / XREAD loop on the same Redis;
 * Redis commands and Redis CPU per event.
 */
export const redisPart = definePart<{
  config: RedisConfig
  node: string
  redis: string
  /** The machine's 1-minute load average when the part began (2 cores are shared). */
  loadAverage: number
  publisher: PublisherResult
  subscriber: SubscriberResult
}>({
  name: 'redis',
  async run({ smoke }) {
    const config = smoke ? SMOKE : FULL
    const loadAverage = loadavg()[0] as number
    const server = await startRedis()
    const instance = <T>(role: string) =>
      runEntry<T>('node', ENTRY, config, {
        env: { BENCH_ROLE: role, REDIS_URL: server.url },
        timeoutMs: smoke ? 60_000 : 1_200_000,
      })
    const [subscriber, publisher] = await Promise.all([
      instance<SubscriberResult>('subscriber'),
      instance<PublisherResult>('publisher'),
    ]).finally(server.stop)
    return {
      config,
      node: process.versions.node,
      redis: server.version,
      loadAverage,
      publisher,
      subscriber,
    }
  },
  report({ config, publisher, subscriber, loadAverage }) {
    const since = (arrivals: number[]) =>
      arrivals.map((at, k) => at - (publisher.sentAt[k] as number))
    const remote = since(subscriber.remoteAt)
    const n = fmt(config.subscribers, 6)
    const perEvent = (command: string) =>
      fmt((publisher.commands[command] ?? 0) / publisher.acknowledged)
    // Results from before the plain loop and the CPU reading existed show n/a there.
    const plain = publisher.plain ?? { acknowledged: 0, publishMs: 0, cpuMs: Number.NaN }
    const rate = (n: number, ms: number) => (n / ms) * 1000
    const delivered = rate(subscriber.received, subscriber.receiveMs)
    const plainRead = rate(subscriber.plain?.read ?? 0, subscriber.plain?.readMs ?? 0)
    return {
      blocks: {
        goal: percentile(remote, 99) < 10 ? '✅ met' : '❌ missed',
        load: fmt(loadAverage, 2),
        latency: table('Path | p50 | p99 | max', [
          [`A → Redis → B (${n} subscribers on B)`, ...stats(remote)],
          [`A → Redis → A (${n} subscribers on A)`, ...stats(since(publisher.localAt))],
          [`in-process channel (${n} subscribers)`, ...stats(subscriber.inProcess)],
        ]),
        throughput: table('Measure | Value', [
          [
            'publishes acknowledged / s (A)',
            fmt((publisher.acknowledged / publisher.publishMs) * 1000),
          ],
          ['events delivered / s (B)', fmt(delivered)],
          ['plain XADD acknowledged / s (A)', fmt(rate(plain.acknowledged, plain.publishMs))],
          ['plain XREAD entries / s (B)', fmt(plainRead)],
          ['delivered / s × plain XREAD loop', ratio(delivered / plainRead)],
          [
            'Redis CPU µs per event',
            fmt(((publisher.cpuMs ?? Number.NaN) * 1000) / publisher.acknowledged),
          ],
          ['Redis CPU µs per event, plain loop', fmt((plain.cpuMs * 1000) / plain.acknowledged)],
          ['EVALSHA per event', perEvent('evalsha')],
          ['XADD per event (inside the script)', perEvent('xadd')],
          ['XREAD per event (both readers)', perEvent('xread')],
        ]),
      },
    }
  },
})
