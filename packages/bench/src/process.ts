import { type ChildProcess, spawn } from 'node:child_process'
import { killGroup } from './spawn.ts'

/** A long-running child (a server or a load client) in its own process group. */
export interface Running {
  child: ChildProcess
  /** Resolves with the first output line starting with `prefix`; rejects after `timeoutMs`. */
  waitForLine(prefix: string, timeoutMs: number): Promise<string>
  /** Resolves with the first output line containing `text`; rejects after `timeoutMs`. */
  waitForText(text: string, timeoutMs: number): Promise<string>
  stdout(): string
  stderr(): string
  /** SIGTERM to the group, SIGKILL if it is still there after a grace period. */
  stop(): Promise<void>
}

/**
 * Starts a command with the open-files limit raised to its hard maximum (10 000 sockets need
 * more than the usual 1 024), detached so that {@link Running.stop} ends all it started.
 */
export function start(command: string[], env: Record<string, string>): Running {
  const child = spawn(
    'bash',
    ['-c', 'ulimit -n "$(ulimit -Hn)" && exec "$@"', 'bash', ...command],
    {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    },
  )
  let out = ''
  let err = ''
  const waiters: (() => void)[] = []
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk
    for (const check of waiters.slice()) check()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk
    for (const check of waiters.slice()) check()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let gone = false
  child.once('exit', () => {
    gone = true
    for (const check of waiters.slice()) check()
  })
  function wait(
    match: (line: string) => boolean,
    what: string,
    timeoutMs: number,
  ): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        // wrangler logs to stderr, our own entries to stdout: look in both.
        const line = `${out}\n${err}`.split('\n').find(match)
        if (line === undefined && !gone) return
        clearTimeout(timer)
        waiters.splice(waiters.indexOf(check), 1)
        if (line !== undefined) resolve(line)
        else reject(new Error(`${command.join(' ')} exited before "${what}"\n${err.slice(-3000)}`))
      }
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(check), 1)
        reject(
          new Error(
            `No "${what}" from ${command.join(' ')} in ${timeoutMs} ms\n${err.slice(-3000)}`,
          ),
        )
      }, timeoutMs)
      waiters.push(check)
      check()
    })
  }
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLine(prefix, timeoutMs) {
      return wait((line) => line.startsWith(prefix), prefix, timeoutMs)
    },
    waitForText(text, timeoutMs) {
      return wait((line) => line.includes(text), text, timeoutMs)
    },
    async stop() {
      killGroup(child, 'SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))])
      // Whatever the leader left behind in its group goes too.
      killGroup(child, 'SIGKILL')
    },
  }
}
