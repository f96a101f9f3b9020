import { type ChildProcess, spawn } from 'node:child_process'
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

/** Output of a finished child. */
export interface ChildOutput {
  stdout: string
  stderr: string
}

/**
 * Runs a command to its end with a hard time limit, in its own process group so that a timeout
 * kills everything it started. Rejects on a non-zero exit or a timeout.
 */
export function runChild(
  command: string[],
  options: { env?: Record<string, string>; timeoutMs: number; shell?: string },
): Promise<ChildOutput> {
  const [file, ...args] = command
  if (!file) throw new TypeError('Cannot run an empty command')
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk
    })
    const timer = setTimeout(() => {
      killGroup(child)
      reject(new Error(`${command.join(' ')} timed out after ${options.timeoutMs} ms\n${stderr}`))
    }, options.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve({ stdout, stderr })
      else reject(new Error(`${file} exited with ${code ?? signal}\n${stderr.slice(-4000)}`))
    })
  })
}

/** Kills a detached child's whole process group; a no-op once it is gone. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}
