import { parseResult } from './child-io.ts'
import { runChild } from './child-process.ts'
import { type Part, RUNTIMES } from './part.ts'
import { writePart } from './results.ts'
import type { RuntimeName } from './runtime.ts'
import { runtimeCommand } from './runtime-command.ts'

/** A part that measures inside each runtime: its entry file, its configs and its sanity check. */
export interface RuntimePartOptions<Config, Run> {
  name: string
  /** The file each runtime runs; it reads `BENCH_CONFIG` and emits one result. */
  entry: string
  /** What a full run asks for. */
  full: Config
  /** Tiny N for `--smoke`: proves the part runs. */
  smoke: Config
  /** Longest one runtime may take, full and smoke. */
  timeoutMs: { full: number; smoke: number }
  /** Throws if a run lacks what the report needs, before the next runtime starts. */
  check(run: Run, runtime: RuntimeName, config: Config): void
}

/**
 * A part that runs its entry file on Node, Bun and Deno in turn, each in a fresh child process
 * (so one runtime's JIT and heap never colour another's numbers), and writes
 * `{ config, runs }` as its result.
 */
export function runtimePart<Config, Run>(options: RuntimePartOptions<Config, Run>): Part {
  return {
    name: options.name,
    async run({ smoke, outDir, log }) {
      const config = smoke ? options.smoke : options.full
      const runs: Run[] = []
      for (const runtime of RUNTIMES) {
        log(`${options.name}: ${runtime}`)
        const { stdout } = await runChild(runtimeCommand(runtime, options.entry), {
          env: { BENCH_CONFIG: JSON.stringify(config) },
          timeoutMs: smoke ? options.timeoutMs.smoke : options.timeoutMs.full,
        })
        const run = parseResult<Run>(stdout)
        options.check(run, runtime, config)
        runs.push(run)
      }
      await writePart(outDir, options.name, { config, runs }, smoke)
    },
  }
}
