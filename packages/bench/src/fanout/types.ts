import type { RuntimeName } from '../runtime.ts'

/** One step of the fan-out part: how many subscribers, and how many publishes to time. */
export interface FanoutOptions {
  /** In-process subscribers, each with a reader draining its stream. */
  subscribers: number
  /** Measured publishes. */
  publishes: number
  /** Unmeasured publishes first, to warm the JIT. @defaultValue 20 */
  warmup?: number
  /** Characters of `data` per event. @defaultValue 100 */
  payload?: number
}

/** Milliseconds. */
export interface Percentiles {
  p50: number
  p99: number
  mean: number
}

export interface FanoutTimes {
  /** The publisher's cost: the synchronous `publish` (or the send loop, for the baseline). */
  publish: Percentiles
  /** From the publish until every subscriber's reader holds the event. */
  delivered: Percentiles
}

/** What `benchFanout()` measures for one step. */
export interface FanoutResult {
  subscribers: number
  publishes: number
  /** `createChannel().publish`: one encode per event. */
  channel: FanoutTimes & { encodes: number }
  /** One `sseStream` per subscriber, `sink.send` to each: one encode per subscriber. */
  baseline: FanoutTimes
}

/** What the orchestrator asks one runtime to run. */
export interface FanoutConfig {
  steps: FanoutOptions[]
}

/** Everything one runtime measured. */
export interface FanoutRun {
  runtime: RuntimeName
  version: string
  results: FanoutResult[]
}
