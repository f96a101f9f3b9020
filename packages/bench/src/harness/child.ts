/**
 * Child processes: an entry file run to its end on a runtime, which reads its config from
 * `BENCH_CONFIG` and prints one result line, and any other command run to its end.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import {
  currentRuntime,
  currentRuntimeVersion,
  type RuntimeName,
  runtimeCommand,
} from './runtime.ts'

const MARKER = '@@bench-result '

/** Inside a child: hands its result, with the runtime's name and version, to the orchestrator. */
export function emitResult(result: object): void {
  const run = { runtime: currentRuntime(), version: currentRuntimeVersion(), ...result }
  console.log(`${MARKER}${JSON.stringify(run)}`)
}

/** Inside a child: the JSON config the orchestrator put in `BENCH_CONFIG`. */
export function readConfig<T>(): T {
  const text = process.env.BENCH_CONFIG
  if (!text) throw new Error('BENCH_CONFIG is not set: run this through `pnpm bench`')
  return JSON.parse(text) as T
}

/**
 * Runs a command to its end and returns its stdout. Rejects (with its stderr) on a non-zero exit,
 * or once `timeoutMs` passed, after a SIGKILL.
 */
export async function runCommand(
  command: readonly string[],
  options: { timeoutMs: number; env?: Record<string, string> },
): Promise<string> {
  const [file, ...args] = command as [string, ...string[]]
  const env = { ...process.env, ...options.env }
  const { stdout } = await promisify(execFile)(file, args, {
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 2 ** 30,
  })
  return stdout
}

/** Runs `entry` on `runtime` with `config` in `BENCH_CONFIG`; the result it emitted. */
export async function runEntry<T>(
  runtime: RuntimeName,
  entry: string,
  config: unknown,
  options: { timeoutMs: number; env?: Record<string, string> },
): Promise<T> {
  const env = { ...options.env, BENCH_CONFIG: JSON.stringify(config) }
  const stdout = await runCommand(runtimeCommand(runtime, entry), { ...options, env })
  const line = stdout.split('\n').find((text) => text.startsWith(MARKER))
  if (!line) throw new Error(`${entry} on ${runtime} printed no result`)
  return JSON.parse(line.slice(MARKER.length)) as T
}
