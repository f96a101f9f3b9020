/** The sizes of one `redis` part run. */
export interface RedisBenchConfig {
  /** In-process subscribers on each of the two instances. */
  subscribers: number
  /**
   * Events published first, one every `intervalMs` like the rest, and not counted: a freshly
   * started process runs its first events through cold code (a compiler on the same two cores),
   * and that start-up, not the steady latency, would otherwise set the p99.
   */
  warmupEvents: number
  /** Events of the latency phase, one every `intervalMs`, after the warm-up. */
  events: number
  intervalMs: number
  /** Events of the throughput phase, `concurrency` publishes in flight. */
  throughputEvents: number
  concurrency: number
}

/** What instance A (the publisher) measured. `*At` are wall-clock milliseconds, same machine. */
export interface PublisherResult {
  /** When each latency-phase event was handed to `publish()`. */
  sentAt: number[]
  /** When every one of A's own subscribers held it (through Redis and A's reader). */
  localAt: number[]
  /** Throughput phase: publishes acknowledged, and the time from the first to the last. */
  acknowledged: number
  publishMs: number
  /** INFO commandstats calls over the throughput phase (reset before it). */
  commands: Record<string, number>
}

/** What instance B (the other process) measured. */
export interface SubscriberResult {
  /** When every one of B's subscribers held each latency-phase event. */
  remoteAt: number[]
  /** The in-process channel, for comparison: publish to all `subscribers` held it, ms. */
  inProcess: number[]
  /** Throughput phase: events received by B's one subscriber, and the time from first to last. */
  received: number
  receiveMs: number
}

/** `results/redis.json`'s data. */
export interface RedisBenchData {
  config: RedisBenchConfig
  node: string
  redis: string
  /** The machine's 1-minute load average when the part began (2 cores are shared). */
  loadAverage: number
  publisher: PublisherResult
  subscriber: SubscriberResult
}
