import type { RuntimeName } from '../runtime.ts'

/** What the orchestrator asks one runtime to run. */
export interface LatencyConfig {
  samples: number
}

/** Microseconds from a write to its bytes being readable, per sample. */
export interface LatencyRun {
  runtime: RuntimeName
  version: string
  paths: { path: string; label: string; us: number[] }[]
}
