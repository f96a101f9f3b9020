import type { RuntimeName } from './runtime.ts'

/** What every part gets from the orchestrator. */
export interface PartContext {
  /** Tiny N, a few seconds: proves the part runs and yields results, measures nothing. */
  smoke: boolean
  /** Where the part writes `<name>.json`. */
  outDir: string
  log(message: string): void
}

/** One part of `pnpm bench`. It writes its result file, and throws if it produced none. */
export interface Part {
  name: string
  run(context: PartContext): Promise<void>
}

/** The runtimes every in-process part runs on, in report order. */
export const RUNTIMES: readonly RuntimeName[] = ['node', 'bun', 'deno']
