import { createConnection, createServer, type Socket } from 'node:net'

/** A TCP proxy in front of a server, whose connections a test can cut. */
export interface TcpProxy {
  /** `http://127.0.0.1:<port>`, forwarding to the target. */
  readonly url: string
  /** Destroys every open connection, both ways, as a network drop does; new ones still pass. */
  cut(): void
  close(): Promise<void>
}

/**
 * Starts a TCP proxy on a free port to `127.0.0.1:targetPort`. Cutting it drops every connection
 * mid-stream: the server sees its client leave, the client sees its body fail, and neither
 * process stops, so the server keeps its memory (a channel's replay log) across the drop.
 *
 * @param targetPort The server's port.
 * @returns The proxy; `close()` it when done.
 *
 * @example Drop a client's stream
 * ```ts
 * const proxy = await startTcpProxy(server.port)
 * // ... a client reads `${proxy.url}/events` ...
 * proxy.cut()
 * ```
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>()
  const track = (socket: Socket) => {
    open.add(socket)
    socket.once('close', () => open.delete(socket))
    // A cut side errors with ECONNRESET; nobody needs to hear it.
    socket.on('error', () => socket.destroy())
  }
  const server = createServer((client) => {
    const upstream = createConnection(targetPort, '127.0.0.1')
    track(client)
    track(upstream)
    client.pipe(upstream)
    upstream.pipe(client)
    client.once('close', () => upstream.destroy())
    upstream.once('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const cut = () => {
    for (const socket of open) socket.destroy()
  }
  return {
    url: `http://127.0.0.1:${port}`,
    cut,
    close: () =>
      new Promise((resolve) => {
        cut()
        server.close(() => resolve())
      }),
  }
}
