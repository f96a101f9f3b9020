import { type ChildProcess, spawn } from 'node:child_process'

/** What a finished child printed. */
export interface ChildOutput {
  stdout: string
  stderr: string
}

/** A long-running child (the load client) that talks over stdin and stdout. */
export interface RunningChild {
  /** Writes one line to its stdin. */
  send(line: string): void
  /** The first output line starting with `prefix`; rejects if the child ends or `timeoutMs` passes first. */
  waitForLine(prefix: string, timeoutMs: number): Promise<string>
  /** SIGTERM to its process group, then SIGKILL to whatever is left after a grace period. */
  stop(): Promise<void>
}

/**
 * Runs a command to its end with a hard time limit. It gets its own process group, so that a
 * timeout kills everything it started. Rejects on a non-zero exit or a timeout.
 */
export async function runChild(
  command: readonly string[],
  options: { env?: Record<string, string>; timeoutMs: number },
): Promise<ChildOutput> {
  const group = spawnGroup(command, options.env ?? {}, 'ignore')
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), options.timeoutMs)
  })
  const ended = await Promise.race([group.ended, late])
  clearTimeout(timer)
  const { stdout, stderr } = group.output
  if (ended === 'late') {
    group.kill('SIGTERM')
    throw new Error(`${command.join(' ')} timed out after ${options.timeoutMs} ms\n${stderr}`)
  }
  if (ended !== 0) throw new Error(`${command[0]} ended with ${ended}\n${stderr.slice(-4000)}`)
  return { stdout, stderr }
}

/** Starts a command that keeps running until {@link RunningChild.stop}, in its own process group. */
export function startChild(command: readonly string[], env: Record<string, string>): RunningChild {
  const group = spawnGroup(command, env, 'pipe')
  return {
    send: (line) => void group.child.stdin?.write(`${line}\n`),
    waitForLine: (prefix, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const line = group.output.stdout.split('\n').find((text) => text.startsWith(prefix))
          if (line === undefined && !group.done) return
          settle()
          if (line !== undefined) resolve(line)
          else
            reject(
              new Error(
                `${command.join(' ')} ended before "${prefix}"\n${group.output.stderr.slice(-3000)}`,
              ),
            )
        }
        const timer = setTimeout(() => {
          settle()
          reject(new Error(`No "${prefix}" from ${command.join(' ')} in ${timeoutMs} ms`))
        }, timeoutMs)
        const settle = () => {
          clearTimeout(timer)
          group.watchers.delete(check)
        }
        group.watchers.add(check)
        check()
      }),
    async stop() {
      group.kill('SIGTERM')
      await Promise.race([group.ended, new Promise((resolve) => setTimeout(resolve, 3000))])
      // Whatever the leader left behind in its group goes too.
      group.kill('SIGKILL')
    },
  }
}

interface Group {
  child: ChildProcess
  /** Everything printed so far. */
  output: ChildOutput
  /** True once the child ended and its pipes closed. */
  done: boolean
  /** The exit code, the signal, or why it never ran. */
  ended: Promise<number | string>
  /** Called on every chunk of output and when the child ends. */
  watchers: Set<() => void>
  kill(signal: NodeJS.Signals): void
}

function spawnGroup(
  command: readonly string[],
  env: Record<string, string>,
  stdin: 'pipe' | 'ignore',
): Group {
  const [file, ...args] = command
  if (!file) throw new TypeError('Cannot run an empty command')
  const child = spawn(file, args, {
    env: { ...process.env, ...env },
    stdio: [stdin, 'pipe', 'pipe'],
    detached: true,
  })
  const group: Group = {
    child,
    output: { stdout: '', stderr: '' },
    done: false,
    ended: new Promise((resolve) => {
      child.once('error', (error) => resolve(error.message))
      child.once('close', (code, signal) => resolve(code ?? signal ?? 'no exit code'))
    }),
    watchers: new Set(),
    kill(signal) {
      if (child.pid === undefined) return
      try {
        process.kill(-child.pid, signal)
      } catch {
        // The group is already gone.
      }
    },
  }
  const notify = () => {
    for (const watcher of [...group.watchers]) watcher()
  }
  child.stdout?.on('data', (chunk: Buffer) => {
    group.output.stdout += chunk
    notify()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    group.output.stderr += chunk
    notify()
  })
  void group.ended.then(() => {
    group.done = true
    notify()
  })
  return group
}
