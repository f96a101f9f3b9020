import { runEntry } from './child.ts'
import { RUNTIMES } from './runtime.ts'

/** What the orchestrator gives a part's run. */
export interface PartContext {
  /** Tiny N, a few seconds: proves the part runs and yields results, measures nothing. */
  smoke: boolean
  log(message: string): void
}

/** What a part gives the report: the Markdown blocks its template section names, its targets. */
export interface PartReport {
  /** `{{<part>.<block>}}` in the template: a table, a headline. */
  blocks: Record<string, string>
  /**
   * Targets read off the results (no test asserts them). `id` picks the reason shown next to a
   * miss, by prefix: `fanout-hono:bun` covers `fanout-hono:bun:5000`.
   */
  targets?: { id: string; target: string; measured: string; ok: boolean }[]
}

/**
 * One part of `pnpm bench`. `run` measures and returns what goes to `results/<name>.json`; it
 * throws when it could not measure. `report` turns that data back into Markdown, so BENCHMARKS.md
 * can be rebuilt from the committed JSON alone.
 */
export interface Part<Data = unknown> {
  name: string
  run(context: PartContext): Promise<Data>
  report(data: Data): PartReport
}

/** A part typed by its data, for the list of parts of every kind. */
export const definePart = <Data>(part: Part<Data>): Part => part as Part

/** The data of a {@link runtimeRun}: its config, and one run per runtime. */
export interface RuntimeData<Config, Run> {
  config: Config
  runs: (Run & { runtime: string; version: string })[]
}

/**
 * The run of a part that measures inside each runtime: `entry` runs on Node, Bun and Deno in
 * turn, each a fresh process (so one runtime's JIT and heap never colour another's numbers),
 * with the smoke or full config in `BENCH_CONFIG`, and emits one result.
 */
export const runtimeRun =
  <Config, Run>(entry: string, configs: { full: Config; smoke: Config }, timeoutMs = 600_000) =>
  async ({ smoke, log }: PartContext): Promise<RuntimeData<Config, Run>> => {
    const config = smoke ? configs.smoke : configs.full
    const runs: RuntimeData<Config, Run>['runs'] = []
    for (const runtime of RUNTIMES) {
      log(runtime)
      runs.push(await runEntry(runtime, entry, config, { timeoutMs: smoke ? 60_000 : timeoutMs }))
    }
    return { config, runs }
  }
