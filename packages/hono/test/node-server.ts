import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import { afterEach } from 'vitest'

const servers: { close(): void }[] = []
afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

/** Serves `app` with @hono/node-server on a free port until the test ends; resolves its base URL. */
export async function listen(app: Hono, overrideGlobalObjects = true): Promise<string> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', overrideGlobalObjects })
  servers.push(server)
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

type Writable = { write(chunk: string | Uint8Array): boolean }

/**
 * A middleware that records every chunk written to Node's `ServerResponse`: the direct path
 * hands it joined text, the adapter's pump the body stream's `Uint8Array`s.
 */
export function recordWrites(writes: (string | Uint8Array)[]) {
  return async (c: { env: unknown }, next: () => Promise<void>) => {
    const outgoing = (c.env as { outgoing: Writable }).outgoing
    const write = outgoing.write.bind(outgoing)
    outgoing.write = (chunk) => {
      writes.push(chunk)
      return write(chunk)
    }
    await next()
  }
}
