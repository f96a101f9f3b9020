import { parseResult } from './child-io.ts'
import { runChild } from './child-process.ts'
import { type PartContext, RUNTIMES } from './part.ts'
import type { RuntimeName } from './runtime.ts'
import { runtimeCommand } from './runtime-command.ts'

/** How a part that measures inside each runtime runs its entry file. */
export interface RunOnRuntimesOptions<Run> {
  /** The part's name, for the log. */
  part: string
  /** The entry file each runtime runs; it reads `BENCH_CONFIG` and emits one result. */
  entry: string
  /** What the entry reads from `BENCH_CONFIG`. */
  config: unknown
  /** Longest one runtime may take. */
  timeoutMs: number
  log: PartContext['log']
  /** Throws if a run lacks what the part needs, before the next runtime starts. */
  check(run: Run, runtime: RuntimeName): void
}

/**
 * Runs a part's entry file on Node, Bun and Deno in turn, each in a fresh child process (so one
 * runtime's JIT and heap never colour another's numbers), and collects what each emitted.
 */
export async function runOnRuntimes<Run>(options: RunOnRuntimesOptions<Run>): Promise<Run[]> {
  const runs: Run[] = []
  for (const runtime of RUNTIMES) {
    options.log(`${options.part}: ${runtime}`)
    const { stdout } = await runChild(runtimeCommand(runtime, options.entry), {
      env: { BENCH_CONFIG: JSON.stringify(options.config) },
      timeoutMs: options.timeoutMs,
    })
    const run = parseResult<Run>(stdout)
    options.check(run, runtime)
    runs.push(run)
  }
  return runs
}
