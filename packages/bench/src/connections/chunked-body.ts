/**
 * Undoes HTTP/1.1 chunked framing, byte-exact, for the load client's raw sockets. Throws on a
 * malformed size line rather than guessing.
 */
export class ChunkedBody {
  readonly #onData: (bytes: Uint8Array) => void
  #state: 'size' | 'data' | 'crlf' | 'end' = 'size'
  #sizeLine = ''
  #remaining = 0
  #crlfLeft = 0

  constructor(onData: (bytes: Uint8Array) => void) {
    this.#onData = onData
  }

  /** True once the terminating zero-size chunk arrived. */
  get ended(): boolean {
    return this.#state === 'end'
  }

  feed(bytes: Uint8Array): void {
    let offset = 0
    while (offset < bytes.length && this.#state !== 'end') {
      if (this.#state === 'size') {
        const byte = bytes[offset++] as number
        if (byte !== 0x0a) {
          if (byte !== 0x0d) this.#sizeLine += String.fromCharCode(byte)
          continue
        }
        const size = Number.parseInt(this.#sizeLine.split(';')[0] ?? '', 16)
        if (!Number.isInteger(size) || size < 0) {
          throw new SyntaxError(`Bad chunk size line: ${JSON.stringify(this.#sizeLine)}`)
        }
        this.#sizeLine = ''
        this.#remaining = size
        this.#state = size === 0 ? 'end' : 'data'
      } else if (this.#state === 'data') {
        const take = Math.min(this.#remaining, bytes.length - offset)
        this.#onData(bytes.subarray(offset, offset + take))
        offset += take
        this.#remaining -= take
        if (this.#remaining === 0) {
          this.#state = 'crlf'
          this.#crlfLeft = 2
        }
      } else {
        offset++
        if (--this.#crlfLeft === 0) this.#state = 'size'
      }
    }
  }
}
