import type { Context } from 'hono'

/** The part of Node's `ServerResponse` the integration uses. */
export interface NodeResponse {
  readonly headersSent: boolean
  write(chunk: Uint8Array | string): boolean
  on(event: 'drain', listener: () => void): unknown
}

/**
 * Node's `ServerResponse` when `@hono/node-server` serves this request (it passes it as
 * `c.env.outgoing`), else undefined: on Workers, Deno, Bun and in `app.request()`.
 */
export function nodeResponse(c: Context): NodeResponse | undefined {
  const candidate = (c.env as { outgoing?: Partial<NodeResponse> } | undefined)?.outgoing
  return typeof candidate?.write === 'function' && typeof candidate.on === 'function'
    ? (candidate as NodeResponse)
    : undefined
}
