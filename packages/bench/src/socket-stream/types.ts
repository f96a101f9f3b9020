import type { RuntimeName } from '../runtime.ts'
import type { MessageKindName } from '../throughput/messages.ts'
import type { StreamContender } from './apps.ts'

/** Where the load client finds one contender. */
export interface StreamTarget {
  contender: StreamContender
  port: number
}

/** What the orchestrator asks the load client to run against one runtime's servers. */
export interface StreamLoadConfig {
  targets: StreamTarget[]
  /** Events per stream, per message kind. */
  counts: Partial<Record<MessageKindName, number>>
  rounds: number
  warmup: number
  /** Events per stream in the parsed check that precedes the timed rounds. */
  verifyCount: number
}

/** One contender's timed streams for one message kind. */
export interface StreamSamples {
  contender: StreamContender
  /** Milliseconds from connecting to the last byte of the body, one per measured round. */
  ms: number[]
  /** Body bytes in one stream, chunking undone. */
  bytes: number
  error?: string
}

/** Everything the load client measured against one runtime. */
export interface StreamLoadReport {
  kinds: { kind: MessageKindName; count: number; contenders: StreamSamples[] }[]
}

/** One runtime's row of the part's result. */
export interface SocketStreamRun extends StreamLoadReport {
  runtime: RuntimeName
  version: string
}
