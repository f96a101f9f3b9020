/**
 * The runtimes the bench runs on, seen from both sides: inside one (its name, version, memory, a
 * forced GC) and from the orchestrator (the command line that starts an entry file on one).
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The JavaScript runtimes the bench runs its parts on. */
export type RuntimeName = 'node' | 'bun' | 'deno'

/** Every runtime, in report order. */
export const RUNTIMES: readonly RuntimeName[] = (['node', 'bun', 'deno'] as const).filter(
  // `BENCH_RUNTIMES=node` re-runs a part on some runtimes only (its results then hold only those).
  (name) => process.env.BENCH_RUNTIMES?.split(',').includes(name) ?? true,
)

const global = globalThis as unknown as {
  Bun?: { version: string; gc(force: boolean): void }
  Deno?: { version: { deno: string } }
  gc?: () => void
}

/** Which runtime runs this code. */
export function currentRuntime(): RuntimeName {
  return global.Bun ? 'bun' : global.Deno ? 'deno' : 'node'
}

/** The runtime's own version string, e.g. `22.23.3`. */
export function currentRuntimeVersion(): string {
  return global.Bun?.version ?? global.Deno?.version.deno ?? process.versions.node
}

/** Resident set size and heap in use, in bytes, after a full collection where one can be forced. */
export function memoryAfterGc(): { rss: number; heap: number } {
  collectGarbage()
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heap: heapUsed }
}

/** Asks the engine for a full collection, where it lets us (Node and Deno need `--expose-gc`). */
export function collectGarbage(): void {
  if (global.Bun) global.Bun.gc(true)
  else global.gc?.()
}

const require = createRequire(import.meta.url)

/**
 * The real binary of each runtime (never pnpm's `.bin` shims, whose children outlive a kill).
 * Node is the one running the orchestrator: the root's `node@22`.
 */
export function runtimeBinary(runtime: RuntimeName): string {
  if (runtime === 'node') return process.execPath
  if (runtime === 'bun') return join(dirname(require.resolve('bun/package.json')), 'bin/bun.exe')
  return join(dirname(require.resolve('deno/package.json')), 'deno')
}

/**
 * The command line that runs a TypeScript entry file under a runtime, with a forced GC allowed
 * and `flags` (e.g. `--cpu-prof`) before the entry. The open-files limit is raised to its hard
 * maximum first: 10 000 sockets need more than the usual soft limit of 1 024. bash `exec`s the
 * runtime, so it keeps the PID and killing its process group ends everything it started.
 */
export function runtimeCommand(
  runtime: RuntimeName,
  entry: string,
  flags: readonly string[] = [],
): [string, ...string[]] {
  const binary = runtimeBinary(runtime)
  const command =
    runtime === 'node'
      ? [binary, '--no-warnings', '--expose-gc', ...flags, entry]
      : runtime === 'bun'
        ? [binary, 'run', ...flags, entry]
        : [binary, 'run', '--allow-all', '--v8-flags=--expose-gc', ...flags, entry]
  return raiseOpenFiles(command)
}

/** `command`, run with the open-files limit raised to its hard maximum. */
function raiseOpenFiles(command: readonly string[]): [string, ...string[]] {
  return ['bash', '-c', 'ulimit -n "$(ulimit -Hn)" && exec "$@"', 'bash', ...command]
}
