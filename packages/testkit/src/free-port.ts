import { createServer } from 'node:net'

/**
 * Finds a TCP port that is free on 127.0.0.1 right now, by letting the OS pick one.
 *
 * @returns A port number to hand to a server.
 *
 * @example
 * ```ts
 * const port = await freePort()
 * ```
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('The OS gave no port'))))
    })
  })
}
