import { connect, type Socket } from 'node:net'

/** The load client's end of a fan-out server's control port (see control.ts). */
export class ControlClient {
  readonly #socket: Socket
  readonly #replies: { resolve(line: string): void; reject(error: Error): void }[] = []
  #buffered = ''

  private constructor(socket: Socket) {
    this.#socket = socket
    socket.setNoDelay(true)
    socket.on('data', (bytes: Buffer) => {
      this.#buffered += bytes.toString('latin1')
      for (let end = this.#buffered.indexOf('\n'); end !== -1; ) {
        const line = this.#buffered.slice(0, end)
        this.#buffered = this.#buffered.slice(end + 1)
        this.#replies.shift()?.resolve(line)
        end = this.#buffered.indexOf('\n')
      }
    })
    socket.on('close', () => {
      for (const reply of this.#replies.splice(0)) reply.reject(new Error('Control port closed'))
    })
  }

  /** Connects to the control port on 127.0.0.1. */
  static connect(port: number): Promise<ControlClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port })
      socket.once('connect', () => resolve(new ControlClient(socket)))
      socket.once('error', reject)
    })
  }

  /** Sends a command that has no answer (`publish`). */
  send(line: string): void {
    this.#socket.write(`${line}\n`)
  }

  /** Sends a command and resolves with its answer line. */
  request(line: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#replies.push({ resolve, reject })
      this.#socket.write(`${line}\n`)
    })
  }

  close(): void {
    this.#socket.destroy()
  }
}
