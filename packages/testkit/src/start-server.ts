import { type ChildProcess, spawn } from 'node:child_process'
import { freePort } from './free-port.ts'

/** How to start a server: a command that listens on the port given in `PORT`. */
export interface StartServerOptions {
  /** The program, e.g. `process.execPath`. */
  command: string
  /**
   * Its arguments, e.g. `['src/main.ts']`, or a function of the port for servers that take it as
   * a flag: `(port) => ['dev', '--port', String(port)]`.
   */
  args?: readonly string[] | ((port: number) => readonly string[]) | undefined
  /** Its working directory. @defaultValue the current one */
  cwd?: string | undefined
  /** Extra environment; `PORT` is set for you. */
  env?: Record<string, string> | undefined
  /** The port to listen on, e.g. to restart a server where its clients reconnect. @defaultValue a free one */
  port?: number | undefined
  /** Polled until it answers 2xx. @defaultValue `'/stats'` */
  readyPath?: string | undefined
  /** How long the server may take to answer. @defaultValue 30000 */
  timeoutMs?: number | undefined
}

/** A server started by {@link startServer}. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string
  readonly port: number
  /** What the server printed so far, for error messages. */
  output(): string
  /** Stops the server's whole process group and waits for it to exit. */
  stop(): Promise<void>
  /** Sends `signal` to the server's process group (`SIGTERM` for a drain, `SIGKILL` for a crash). */
  signal(signal: NodeJS.Signals): void
  /** Resolves once the server's process has exited. */
  readonly exited: Promise<void>
}

/**
 * Starts a server on a free port in its own process group, and resolves once it answers. Killing
 * the group matters: a command run through a shim (pnpm's `node`, `npx`) leaves its real server
 * running when only the shim is killed. Fails with the server's output if it exits or never answers.
 *
 * @param options The command and where to run it.
 * @returns The running server; call `stop()` when done.
 *
 * @example Start the Node app for a test file
 * ```ts
 * const server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
 * await fetch(`${server.url}/stats`)
 * await server.stop()
 * ```
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const args = typeof options.args === 'function' ? options.args(port) : (options.args ?? [])
  const child = spawn(options.command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.once('error', (error) => {
      output += String(error)
      resolve()
    })
  })
  const server: RunningServer = {
    url,
    port,
    output: () => output,
    stop: () => stopGroup(child, exited),
    signal: (signal) => {
      try {
        process.kill(-(child.pid as number), signal)
      } catch {
        // The group is already gone.
      }
    },
    exited,
  }
  try {
    await waitUntilReady(
      `${url}${options.readyPath ?? '/stats'}`,
      exited,
      options.timeoutMs ?? 30_000,
    )
  } catch (error) {
    await server.stop()
    const command = [options.command, ...args].join(' ')
    throw new Error(`${(error as Error).message}: ${command}\n${output}`)
  }
  return server
}

async function waitUntilReady(url: string, exited: Promise<void>, timeoutMs: number) {
  let gone = false
  void exited.then(() => {
    gone = true
  })
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (gone) throw new Error('The server exited before it answered')
    try {
      const response = await fetch(url)
      await response.body?.cancel()
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`The server did not answer ${url} within ${timeoutMs} ms`)
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined) return
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal)
    } catch {
      // The group is already gone.
    }
  }
  signalGroup('SIGTERM')
  let timer: ReturnType<typeof setTimeout> | undefined
  const patience = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), 5000)
  })
  if ((await Promise.race([exited, patience])) === 'late') signalGroup('SIGKILL')
  clearTimeout(timer)
  // Grandchildren may outlive the leader for a moment; SIGKILL leaves them no choice.
  signalGroup('SIGKILL')
  await exited
}
