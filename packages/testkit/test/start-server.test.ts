import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { startServer } from '../src/start-server.ts'

// A server that answers /stats on PORT, after starting a grandchild that would outlive a plain kill.
const SERVER_WITH_GRANDCHILD = `
  const { spawn } = require('node:child_process')
  const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  console.log('grandchild=' + grandchild.pid)
  require('node:http')
    .createServer((request, response) => response.end('{"open":0,"ticks":0}'))
    .listen(Number(process.env.PORT), '127.0.0.1')
`

/** Alive and not a zombie waiting for PID 1 to reap it (Linux). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

test('startServer() fails with the output of a server that exits before it answers', async () => {
  await expect(
    startServer({
      command: process.execPath,
      args: ['-e', 'console.error("boom"); process.exit(3)'],
    }),
  ).rejects.toThrow(/exited before it answered[\s\S]*boom/)
})

test('startServer() hands the port to args given as a function', async () => {
  const server = await startServer({
    command: process.execPath,
    args: (port) => [
      '-e',
      `require('node:http').createServer((q, s) => s.end('{}')).listen(${port}, '127.0.0.1')`,
    ],
  })
  expect((await fetch(`${server.url}/stats`)).status).toBe(200)
  await server.stop()
})

test('startServer() serves on a free port, and stop() ends its whole process group', async () => {
  const server = await startServer({
    command: process.execPath,
    args: ['-e', SERVER_WITH_GRANDCHILD],
  })
  expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
  expect(await (await fetch(`${server.url}/stats`)).json()).toEqual({ open: 0, ticks: 0 })
  const grandchild = Number(/grandchild=(\d+)/.exec(server.output())?.[1])
  expect(isAlive(grandchild)).toBe(true)
  await server.stop()
  await expect.poll(() => isAlive(grandchild), { timeout: 5000 }).toBe(false)
})

test('signal() reaches the whole process group; exited resolves once the server is gone', async () => {
  const server = await startServer({
    command: process.execPath,
    args: ['-e', SERVER_WITH_GRANDCHILD],
  })
  const grandchild = Number(/grandchild=(\d+)/.exec(server.output())?.[1])
  expect(isAlive(grandchild)).toBe(true)
  server.signal('SIGKILL')
  await server.exited
  await expect.poll(() => isAlive(grandchild)).toBe(false)
  await server.stop()
})
