import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseResult } from '../child-io.ts'
import { runChild } from '../child-process.ts'
import type { Part } from '../part.ts'
import { writePart } from '../results.ts'
import { runtimeCommand } from '../runtime-command.ts'
import type { PublisherResult, RedisBenchConfig, SubscriberResult } from './types.ts'

const ENTRY = fileURLToPath(new URL('./instance.ts', import.meta.url))
const REDIS_SERVER = '/usr/bin/redis-server'

const FULL: RedisBenchConfig = {
  subscribers: 1000,
  warmupEvents: 200,
  events: 1000,
  intervalMs: 5,
  throughputEvents: 20_000,
  concurrency: 64,
}
const SMOKE: RedisBenchConfig = {
  subscribers: 20,
  warmupEvents: 10,
  events: 30,
  intervalMs: 5,
  throughputEvents: 300,
  concurrency: 8,
}

/**
 * Issue 9: one channel across two Node processes on one Redis (loopback, AOF on): publish on A to
 * delivery on B with 1 000 subscribers on each, beside the in-process channel (each after the same
 * uncounted warm-up); events/s through Redis; Redis commands per event.
 */
export const redisPart: Part = {
  name: 'redis',
  async run({ smoke, outDir, log }) {
    const config = smoke ? SMOKE : FULL
    const loadAverage = loadavg()[0] as number
    const server = await startRedis()
    try {
      log(`redis: two Node instances, ${config.subscribers} subscribers each`)
      const env = (role: string) => ({
        BENCH_ROLE: role,
        REDIS_URL: server.url,
        BENCH_CONFIG: JSON.stringify(config),
      })
      const timeoutMs = smoke ? 60_000 : 300_000
      const [subscriber, publisher] = await Promise.all([
        runChild(runtimeCommand('node', ENTRY), { env: env('subscriber'), timeoutMs }),
        runChild(runtimeCommand('node', ENTRY), { env: env('publisher'), timeoutMs }),
      ])
      await writePart(
        outDir,
        'redis',
        {
          config,
          node: process.versions.node,
          redis: server.version,
          loadAverage,
          publisher: parseResult<PublisherResult>(publisher.stdout),
          subscriber: parseResult<SubscriberResult>(subscriber.stdout),
        },
        smoke,
      )
    } finally {
      await server.stop()
    }
  },
}

async function startRedis() {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
  const dir = await mkdtemp(join(tmpdir(), 'ssekit-bench-redis-'))
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--save',
    '',
  ]
  const child: ChildProcess = spawn(REDIS_SERVER, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  await new Promise<void>((resolve, reject) => {
    let output = ''
    child.once('error', reject)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk
      if (output.includes('Ready to accept connections')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)))
  })
  child.stdout?.removeAllListeners('data')
  child.stdout?.resume()
  child.removeAllListeners('exit')
  const version =
    /v=(\S+)/.exec(execFileSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' }))?.[1] ??
    'unknown'
  return {
    url: `redis://127.0.0.1:${port}`,
    version,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      // Its own process group: nothing it started outlives it.
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
      await exited
      await rm(dir, { recursive: true, force: true })
    },
  }
}
