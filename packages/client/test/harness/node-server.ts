/**
 * Serves a fetch handler with `node:http`, writing each chunk of the response as it comes, so the
 * client sees the body's own splits. Runs on Node, and on Bun and Deno through their `node:http`.
 * A body that errors destroys the socket: the client sees a network error, not an end.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface NodeServer {
  url: string
  close(): Promise<void>
}

export async function listen(answer: (request: Request) => Promise<Response>): Promise<NodeServer> {
  const server = createServer(async (req, res) => {
    const abort = new AbortController()
    res.on('close', () => abort.abort())
    const response = await answer(await toRequest(req, abort.signal))
    res.writeHead(response.status, Object.fromEntries(response.headers))
    if (response.body === null) return void res.end()
    const reader = response.body.getReader()
    // The client left: cancel the body, as a runtime's own server does.
    res.on('close', () => void reader.cancel().catch(() => {}))
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        res.write(value)
      }
      res.end()
    } catch {
      res.destroy()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function toRequest(req: IncomingMessage, signal: AbortSignal): Promise<Request> {
  const chunks: Uint8Array<ArrayBuffer>[] = []
  for await (const chunk of req) chunks.push(chunk as Uint8Array<ArrayBuffer>)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item)
  }
  const method = req.method ?? 'GET'
  const body = method === 'GET' || method === 'HEAD' ? null : new Blob(chunks)
  return new Request(`http://127.0.0.1${req.url ?? '/'}`, { method, headers, body, signal })
}
