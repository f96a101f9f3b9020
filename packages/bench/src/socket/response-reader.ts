import { ChunkedBody } from '../connections/chunked-body.ts'

/**
 * One HTTP/1.1 response read off a raw socket: the head, then the body with its chunked framing
 * undone (byte-exact, through {@link ChunkedBody}). A body without chunked framing runs until the
 * socket closes. The load clients of the socket parts use it for every stream they hold.
 */
export class ResponseReader {
  /** The status code, 0 until the head arrived. */
  status = 0
  /** The head's lines, lower-cased names, once it arrived. */
  head = ''
  readonly #onBody: (bytes: Uint8Array) => void
  #headText = ''
  #body: { feed(bytes: Uint8Array): void; readonly ended: boolean } | undefined

  constructor(onBody: (bytes: Uint8Array) => void) {
    this.#onBody = onBody
  }

  /** True once the terminating zero-size chunk arrived. */
  get ended(): boolean {
    return this.#body?.ended ?? false
  }

  /** True once the whole head arrived. */
  get started(): boolean {
    return this.#body !== undefined
  }

  /** Feeds bytes as they come off the socket. Throws on malformed chunk framing. */
  feed(bytes: Uint8Array): void {
    if (this.#body) {
      this.#body.feed(bytes)
      return
    }
    this.#headText += Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
      'latin1',
    )
    const end = this.#headText.indexOf('\r\n\r\n')
    if (end === -1) return
    this.head = this.#headText.slice(0, end)
    const rest = Buffer.from(this.#headText.slice(end + 4), 'latin1')
    this.#headText = ''
    this.status = Number(this.head.split(' ')[1])
    this.#body = /^transfer-encoding:\s*chunked/im.test(this.head)
      ? new ChunkedBody(this.#onBody)
      : { feed: this.#onBody, ended: false }
    if (rest.length > 0) this.#body.feed(rest)
  }
}

/** The request line and headers of a `GET` on 127.0.0.1, as the load clients send it. */
export function getRequest(port: number, path: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`
}
