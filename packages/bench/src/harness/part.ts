import { runEntry } from './child.ts'
import { RUNTIMES, type RuntimeName } from './runtime.ts'

/** What every part gets from the orchestrator. */
export interface PartContext {
  /** Tiny N, a few seconds: proves the part runs and yields results, measures nothing. */
  smoke: boolean
  log(message: string): void
}

/** One target read off a part's results (no test asserts it): shown in the report's table. */
export interface Target {
  /** Picks the reason shown next to a miss, by prefix: `fanout-hono:bun` covers `fanout-hono:bun:…`. */
  id: string
  target: string
  measured: string
  ok: boolean
}

/** What a part gives the report: Markdown blocks the template names, and its targets. */
export interface PartReport {
  /** `{{<part>.<block>}}` in the template, e.g. a table. */
  blocks: Record<string, string>
  targets?: Target[]
}

/**
 * One part of `pnpm bench`. `run` measures and returns what goes to `results/<name>.json`
 * (it throws when it could not measure); `report` turns that back into Markdown, so BENCHMARKS.md
 * can be rebuilt from the committed JSON alone.
 */
export interface Part<Data = unknown> {
  name: string
  run(context: PartContext): Promise<Data>
  report(data: Data): PartReport
}

/** A part, typed by its data, in a list of parts of every kind. */
export function definePart<Data>(part: Part<Data>): Part {
  return part as Part
}

/** The data of a {@link runtimePart}. */
export interface RuntimeData<Config, Run> {
  config: Config
  runs: (Run & { runtime: RuntimeName; version: string })[]
}

/**
 * The run of a part that measures inside each runtime: `entry` runs on Node, Bun and Deno in
 * turn, each in a fresh process (so one runtime's JIT and heap never colour another's numbers),
 * with `config` in `BENCH_CONFIG`; `check` throws if a run lacks what the report needs.
 */
export function runtimeRun<Config, Run>(options: {
  entry: string
  full: Config
  smoke: Config
  timeoutMs: number
  check?(run: Run, config: Config): void
}): Part<RuntimeData<Config, Run>>['run'] {
  return async ({ smoke, log }) => {
    const config = smoke ? options.smoke : options.full
    const runs: RuntimeData<Config, Run>['runs'] = []
    for (const runtime of RUNTIMES) {
      log(runtime)
      const run = await runEntry<Run & { runtime: RuntimeName; version: string }>(
        runtime,
        options.entry,
        config,
        { timeoutMs: smoke ? 60_000 : options.timeoutMs },
      )
      options.check?.(run, config)
      runs.push(run)
    }
    return { config, runs }
  }
}
