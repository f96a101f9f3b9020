/**
 * Hostile upstream responses, built from web streams alone so the same cases run over a real
 * socket (node:http on Node, Bun and Deno) and in process (workerd).
 */

/** Captured before any test wraps the globals, so the server's own waits are never counted. */
export const realSetTimeout: typeof setTimeout = globalThis.setTimeout.bind(globalThis)

/** One step of a scripted body: text or bytes to send, a pause, or a network error. */
export type Part = string | Uint8Array | { wait: number } | 'network-error'

/** What a scripted body does once its parts are sent. */
export interface ScriptOptions {
  /** `true` ends the body; `false` keeps it open and silent until the client leaves. */
  end?: boolean
  status?: number
  headers?: Record<string, string>
}

const encoder = new TextEncoder()

/** A `text/event-stream` response that sends `parts` one chunk each, then ends or goes silent. */
export function script(parts: readonly Part[], options: ScriptOptions = {}): Response {
  let index = 0
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const part = parts[index++]
          if (part === undefined) {
            if (options.end ?? true) controller.close()
            // Silent: this pull never settles, so no byte ever comes again.
            else await new Promise(() => {})
            return
          }
          if (part === 'network-error') return controller.error(new Error('network error'))
          if (typeof part === 'object' && 'wait' in part) {
            await new Promise((resolve) => realSetTimeout(resolve, part.wait))
            continue
          }
          controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part)
          return
        }
      },
    },
    { highWaterMark: 0 },
  )
  return new Response(body, {
    status: options.status ?? 200,
    headers: { 'content-type': 'text/event-stream', ...options.headers },
  })
}

/** The text as one chunk per byte, splitting multi-byte characters too. */
export function bytewise(text: string): Uint8Array[] {
  return [...encoder.encode(text)].map((byte) => Uint8Array.of(byte))
}

/** A plain response with a status, e.g. `status(401)` or `status(429, { 'retry-after': '1' })`. */
export function status(code: number, headers: Record<string, string> = {}, text = ''): Response {
  return new Response(code === 204 ? null : text, { status: code, headers })
}
