import type { RuntimeName } from '../runtime.ts'
import type { MessageKindName } from './messages.ts'

/** What the orchestrator asks one runtime to run. */
export interface ThroughputConfig {
  rounds: number
  warmup: number
  counts: Record<MessageKindName, number>
  verifyCount: number
}

/** One contender's timed samples for one message kind. */
export interface ContenderSamples {
  contender: string
  /** Milliseconds per stream of `count` events, one per measured round. */
  ms: number[]
  /** Bytes in one stream. */
  bytes: number
  /** Why it did not run here, if it did not. */
  error?: string
}

/** Everything one runtime measured. */
export interface ThroughputRun {
  runtime: RuntimeName
  version: string
  kinds: { kind: MessageKindName; count: number; contenders: ContenderSamples[] }[]
}
