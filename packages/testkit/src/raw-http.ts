import { Buffer } from 'node:buffer'
import { connect, type Socket } from 'node:net'

/** What came back on a raw connection. */
export interface RawAnswer {
  /** Everything the server sent, decoded as Latin-1 so every byte survives. */
  text: string
  /** The status of the first response, or `undefined` when none arrived. */
  status: number | undefined
  /** Whether the server closed the connection (rather than the wait running out). */
  closed: boolean
}

/**
 * Sends bytes that `fetch` cannot express (a `*` request target, a Host with a space, a body
 * in the same write as its headers) on a fresh TCP connection, and collects what comes back
 * until the server closes the connection or `timeoutMs` passes.
 *
 * @param baseUrl The server, e.g. `http://127.0.0.1:8080`.
 * @param send Writes the request: bytes, or a function given the socket.
 * @param timeoutMs How long to wait for the server to close.
 * @returns The answer; a reset after the response counts as a close.
 *
 * @example Ask for `OPTIONS *`
 * ```ts
 * const { status } = await rawRequest(baseUrl, 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n')
 * ```
 */
export function rawRequest(
  baseUrl: string,
  send: string | Uint8Array | ((socket: Socket) => void),
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = connect(Number(port), hostname)
    const finish = (closed: boolean) => {
      clearTimeout(timer)
      socket.destroy()
      const text = Buffer.concat(chunks).toString('latin1')
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1]
      resolve({ text, status: status === undefined ? undefined : Number(status), closed })
    }
    const timer = setTimeout(() => finish(false), timeoutMs)
    socket.on('connect', () => {
      if (typeof send === 'function') send(socket)
      else socket.write(send)
    })
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    // A server that answers before it read the whole upload may reset the connection: EPIPE or
    // ECONNRESET here, after (or instead of) its answer.
    socket.on('error', () => finish(true))
    socket.on('close', () => finish(true))
  })
}

// What must never reach a client: stack frames, file URLs, absolute paths, source positions.
const INTERNALS = [
  /file:\/\//,
  /node_modules/,
  /\bat \S.*:\d+:\d+/,
  /\.(?:ts|js|mjs|cjs|rs):\d+/,
  /(?:^|[\s"'(])\/(?:home|root|tmp|usr|var|work|Users|opt|srv)\//,
]

/**
 * The first sign of server internals in a text, or `undefined` if it shows none.
 *
 * @param text What the server sent.
 * @returns The matching excerpt.
 */
export function findInternals(text: string): string | undefined {
  for (const pattern of INTERNALS) {
    const match = pattern.exec(text)
    if (match) return text.slice(Math.max(0, match.index - 40), match.index + 80)
  }
  return undefined
}
