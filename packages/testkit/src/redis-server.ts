import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { freePort } from './free-port.ts'

const REDIS_SERVER = '/usr/bin/redis-server'

/** A redis-server of a test's own: a free port, a temporary directory, AOF on. */
export interface RedisServer {
  readonly port: number
  /** `redis://127.0.0.1:<port>` */
  readonly url: string
  /** Sends one command on a short-lived connection of its own (not counted as a channel's). */
  command(...args: string[]): Promise<unknown>
  /** The `name=` of every connection but the harness's own, from CLIENT LIST. */
  clientNames(): Promise<string[]>
  /** Drops every connection named `name` (CLIENT KILL ID), as a network blip would. */
  killClients(name: string): Promise<number>
  /** `kill -9`: no shutdown, no final fsync, as a crash. */
  kill(): Promise<void>
  /**
   * `SIGSTOP`: the process stays, its sockets stay open, and nothing is answered: a hung server
   * or a stalled VM, which no client hears as a lost connection.
   */
  freeze(): void
  /** `SIGCONT` after {@link RedisServer.freeze}: it reads what waited meanwhile and answers it. */
  thaw(): void
  /** Starts it again on the same port and directory; resolves once it accepts connections. */
  restart(): Promise<void>
  /** Kills it and removes its directory. */
  stop(): Promise<void>
}

/**
 * Starts `redis-server --appendonly yes` on a free port in a temporary directory. Fails loudly when
 * redis-server is not installed: these tests must never pass without a real Redis.
 */
export async function startRedis(extraArgs: readonly string[] = []): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `${REDIS_SERVER} is missing: install redis-server (apt-get install redis-server)`,
    )
  }
  const port = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'ssekit-redis-'))
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes']
  args.push('--save', '', ...extraArgs)
  let child = await launch(args)
  const command = async (...parts: string[]) => {
    const admin = new Redis(port, '127.0.0.1', {
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    admin.on('error', () => {})
    try {
      return await admin.call(parts[0] as string, ...parts.slice(1))
    } finally {
      admin.disconnect()
    }
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    command,
    async clientNames() {
      const list = String(await command('CLIENT', 'LIST'))
      const names = list
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.includes('cmd=client|list'))
        .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
      return names
    },
    async killClients(name: string) {
      const list = String(await command('CLIENT', 'LIST'))
      const ids = list
        .split('\n')
        .filter((line) => line.includes(` name=${name} `))
        .map((line) => /(?:^| )id=(\d+)/.exec(line)?.[1] as string)
      for (const id of ids) await command('CLIENT', 'KILL', 'ID', id)
      return ids.length
    },
    async kill() {
      await killHard(child)
    },
    // Through process.kill(): Deno's ChildProcess#kill() refuses every signal after a SIGSTOP.
    freeze() {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGSTOP')
    },
    thaw() {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGCONT')
    },
    async restart() {
      child = await launch(args)
    },
    async stop() {
      await killHard(child)
      await rm(dir, { recursive: true, force: true })
    },
  }
}

function launch(args: readonly string[]): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error('redis-server did not start within 10 s')),
      10_000,
    )
    const fail = (error: Error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`${error.message}\n${output}`))
    }
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        child.stdout?.removeAllListeners('data')
        child.stdout?.resume()
        resolve(child)
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => fail(new Error(`redis-server exited with ${code}`)))
    child.once('error', fail)
  })
}

async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  // The launch's "exited before ready" listener goes first: this exit is wanted.
  child.removeAllListeners('exit')
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGKILL')
  await exited
}
