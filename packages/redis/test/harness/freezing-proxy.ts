import { createConnection, createServer, type Socket } from 'node:net'

/** A TCP proxy to a local port whose current connections can be frozen: open, but silent. */
export interface FreezingProxy {
  readonly port: number
  /** Stops forwarding on every connection open now, without closing any: a dead network path. */
  freeze(): void
  /** Closes the proxy and every connection through it. */
  close(): Promise<void>
}

/** Forwards 127.0.0.1:<its port> to 127.0.0.1:`target`; new connections are always forwarded. */
export async function startFreezingProxy(target: number): Promise<FreezingProxy> {
  const live = new Set<[Socket, Socket]>()
  const all = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = createConnection(target, '127.0.0.1')
    const pair: [Socket, Socket] = [client, upstream]
    live.add(pair)
    all.add(client).add(upstream)
    client.pipe(upstream)
    upstream.pipe(client)
    const end = () => {
      live.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    for (const socket of pair) {
      socket.on('error', end).on('close', () => {
        all.delete(socket)
        end()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || address === null) throw new Error('The proxy has no port')
  return {
    port: address.port,
    freeze() {
      for (const [client, upstream] of live) {
        client.unpipe(upstream)
        upstream.unpipe(client)
        // Paused, nothing is read: not even the FIN of a client that gives up.
        client.pause()
        upstream.pause()
      }
      live.clear()
    },
    close() {
      for (const socket of all) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
