import type { RuntimeName } from '../runtime.ts'
import type { FanoutContender } from './event.ts'

/** One size of the fan-out part. */
export interface FanoutStep {
  subscribers: number
  /** Each round connects every contender in turn (rotated order), then drops them. */
  rounds: number
  /** Events published one by one at `intervalMs` in each round: the latency samples. */
  latencyEvents: number
  intervalMs: number
  /** Events published back to back, one per macrotask turn, in each round: the rate. */
  burstEvents: number
}

/** Where the load client finds one contender's server. */
export interface FanoutTarget {
  contender: FanoutContender
  port: number
  controlPort: number
}

/** What the orchestrator asks the load client to run against one runtime's servers. */
export interface FanoutLoadConfig {
  targets: FanoutTarget[]
  steps: FanoutStep[]
  /** Sockets per connection whose every event is parsed and checked. */
  sampled: number
}

/** One contender's round at one size. */
export interface FanoutRound {
  contender: FanoutContender
  subscribers: number
  round: number
  /** Milliseconds to open every socket and see the server count them all. */
  openMs: number
  /** Publish command → the event's last byte on the last socket, one per paced event. */
  latencyMs: number[]
  /** Server CPU time over the paced events, and the messages it delivered meanwhile. */
  pacedCpuMicros: number
  /** The burst: its events, from the command to the last byte on the last socket. */
  burst: {
    events: number
    ms: number
    cpuMicros: number
    systemMicros: number
    writeCalls: number
  }
  error?: string
}

/** Everything the load client measured against one runtime. */
export interface FanoutLoadReport {
  rounds: FanoutRound[]
}

/** One runtime's part of the result. */
export interface SocketFanoutRun extends FanoutLoadReport {
  runtime: RuntimeName
  version: string
}
