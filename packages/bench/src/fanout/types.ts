import type { RuntimeName } from '../runtime.ts'

/** Milliseconds, as the core's fan-out measure reports them. */
export interface Percentiles {
  p50: number
  p99: number
  mean: number
}

export interface FanoutTimes {
  /** The publisher's own cost: the synchronous publish (or send loop, for the baseline). */
  publish: Percentiles
  /** From the publish until every subscriber's reader holds the event. */
  delivered: Percentiles
}

/** The shape `benchFanout()` in packages/bench/src/fanout/measure.ts returns. */
export interface FanoutResult {
  subscribers: number
  publishes: number
  channel: FanoutTimes & { encodes: number }
  baseline: FanoutTimes
}

export interface FanoutConfig {
  steps: { subscribers: number; publishes: number; warmup: number }[]
}

export interface FanoutRun {
  runtime: RuntimeName
  version: string
  results: FanoutResult[]
}
