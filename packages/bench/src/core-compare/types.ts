import type { RuntimeName } from '../runtime.ts'
import type { MessageKindName } from '../throughput/messages.ts'

/** What each runtime compares. */
export interface CompareConfig {
  /** The earlier core's `dist/index.js`. */
  before: string
  counts: Record<MessageKindName, number>
  rounds: number
  warmup: number
  /** Subscriber counts of the in-process fan-out. */
  fanout: number[]
  fanoutRounds: number
  publishes: number
}

/** One runtime's samples, before and after, per measure. */
export interface CompareRun {
  runtime: RuntimeName
  version: string
  rows: { what: string; unit: string; before: number[]; after: number[] }[]
}
