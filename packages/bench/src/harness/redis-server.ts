import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '@ssekit/testkit'

const REDIS_SERVER = '/usr/bin/redis-server'

/**
 * Starts redis-server on 127.0.0.1 at a free port, AOF on as in production, its data in a
 * temporary folder that `stop()` removes.
 */
export async function startRedis() {
  const dir = await mkdtemp(join(tmpdir(), 'ssekit-bench-redis-'))
  const port = await freePort()
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes']
  const server = spawn(REDIS_SERVER, [...args, '--save', ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = once(server, 'exit')
  let output = ''
  await new Promise<void>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk
      if (output.includes('Ready to accept connections')) resolve()
    })
    void exited.then(() => reject(new Error(`redis-server ended before it was ready\n${output}`)))
  })
  const version = /v=(\S+)/.exec(execFileSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' }))
  return {
    url: `redis://127.0.0.1:${port}`,
    version: version?.[1] ?? 'unknown',
    async stop() {
      server.kill('SIGKILL')
      await exited
      await rm(dir, { recursive: true, force: true })
    },
  }
}
