// Serves a fetch handler on a real socket with the runtime's own server: Bun.serve, Deno.serve,
// or @hono/node-server on Node.

type Handler = (request: Request) => Response | Promise<Response>

/** A running server. */
export interface Served {
  readonly url: string
  close(): Promise<void>
}

declare const Bun:
  | {
      serve(options: { port: number; hostname: string; idleTimeout: number; fetch: Handler }): {
        port: number
        stop(force: boolean): Promise<void>
      }
    }
  | undefined
declare const Deno:
  | {
      serve(
        options: { port: number; hostname: string; onListen(address: { port: number }): void },
        handler: Handler,
      ): { shutdown(): Promise<void> }
    }
  | undefined

export async function serve(handler: Handler): Promise<Served> {
  if (typeof Bun !== 'undefined') {
    // Bun closes a socket quiet for 10 s by default; 0 turns that off.
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', idleTimeout: 0, fetch: handler })
    return { url: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) }
  }
  if (typeof Deno !== 'undefined') {
    const deno = Deno
    const { promise, resolve } = withResolvers()
    const server = deno.serve(
      { port: 0, hostname: '127.0.0.1', onListen: ({ port }) => resolve(port) },
      handler,
    )
    return { url: `http://127.0.0.1:${await promise}`, close: () => server.shutdown() }
  }
  const { serve: serveNode } = await import('@hono/node-server')
  const { promise, resolve } = withResolvers()
  const server = serveNode({ fetch: handler, port: 0, hostname: '127.0.0.1' }, (info) =>
    resolve(info.port),
  )
  const port = await promise
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done())
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      }),
  }
}

function withResolvers(): { promise: Promise<number>; resolve: (port: number) => void } {
  let resolve: (port: number) => void = () => {}
  const promise = new Promise<number>((done) => {
    resolve = done
  })
  return { promise, resolve }
}
