import type { RuntimeName } from '../runtime.ts'

/** What the orchestrator asks one client process to run. */
export interface ClientConfig {
  /** The stream, e.g. `http://127.0.0.1:1234/stream`; `?n=` is added per run. */
  url: string
  /** Events per stream. */
  events: number
  warmup: number
  rounds: number
}

/** One runtime's runs: seconds per stream, per contender, per measured round. */
export interface ClientRun {
  runtime: RuntimeName
  version: string
  /** Bytes of one stream. */
  bytes: number
  contenders: { name: string; label: string; seconds: number[] }[]
}
