import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { RuntimeName } from './runtime.ts'

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

/** The command line that runs a TypeScript entry file under a runtime. */
export function runtimeCommand(
  runtime: RuntimeName,
  entry: string,
  options: { exposeGc?: boolean } = {},
): string[] {
  const binary = runtimeBinary(runtime)
  if (runtime === 'node') {
    return [binary, '--no-warnings', ...(options.exposeGc ? ['--expose-gc'] : []), entry]
  }
  if (runtime === 'bun') return [binary, 'run', entry]
  return [
    binary,
    'run',
    '--allow-all',
    ...(options.exposeGc ? ['--v8-flags=--expose-gc'] : []),
    entry,
  ]
}

/**
 * The same command with the open-files limit raised to its hard maximum first: 10 000 sockets
 * need more than the usual soft limit of 1 024. `exec` keeps the command's PID, so killing its
 * process group still ends everything it started.
 */
export function raiseOpenFiles(command: readonly string[]): [string, ...string[]] {
  return ['bash', '-c', 'ulimit -n "$(ulimit -Hn)" && exec "$@"', 'bash', ...command]
}
