/** Which way the Worker serves the channel: see worker.ts. */
export type Mode = 'object' | 'direct'

/** What the load client is told to do, for one mode. */
export interface ModeConfig {
  base: string
  mode: Mode
  subscribers: number
  /** Events published one at a time for the latency sample. */
  events: number
  gapMs: number
  /** The awake probes: waits double from here up to `maxWaitMs`, then bisect to `resolutionMs`. */
  firstWaitMs: number
  maxWaitMs: number
  resolutionMs: number
}

/** One idle spell: did the object leave memory within it? */
export interface AwakeProbe {
  waitMs: number
  evicted: boolean
}

/** One mode's measurements. */
export interface ModeResult {
  mode: Mode
  subscribers: number
  /** Streams still open at the end: the object's evictions must not have cut any. */
  stillOpen: number
  events: number
  /** From sending the publish until a subscriber has the event, over every subscriber and event. */
  deliveryMs: { p50: number; p99: number }
  /** The publish request's round trip (the ID comes back once stored). */
  publishMs: { p50: number; p99: number }
  /** The longest idle spell after which the same instance was still in memory. */
  awakeAtLeastMs: number
  /** The shortest idle spell after which it had been evicted; null if it never was. */
  evictedWithinMs: number | null
  probes: AwakeProbe[]
}

export interface DurableObjectPlan {
  subscribers: number
  events: number
  gapMs: number
  firstWaitMs: number
  maxWaitMs: number
  resolutionMs: number
}

/** `results/durable-object.json`. */
export interface DurableObjectData {
  plan: DurableObjectPlan
  wrangler: string
  workerd: string
  runs: ModeResult[]
}
