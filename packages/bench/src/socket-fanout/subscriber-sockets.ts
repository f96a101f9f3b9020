import { connect, type Socket } from 'node:net'
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { getRequest, ResponseReader } from '../socket/response-reader.ts'

const IN_FLIGHT = 200

interface Client {
  socket: Socket
  reader: ResponseReader
  bytes: number
  base: number
  done: number
  failed: boolean
  /** Only on sampled sockets: every event, parsed with eventsource-parser. */
  parsed: EventSourceMessage[] | undefined
}

/**
 * `count` raw sockets, each holding `GET /events` on one fan-out server. Every event a contender
 * sends has the same length on the wire, so on most sockets an event counts as delivered once
 * `eventBytes` more body bytes (chunking undone) have arrived; a few sampled sockets also parse
 * every event with eventsource-parser, which the load client checks against what was published.
 */
export class SubscriberSockets {
  readonly #clients: Client[] = []
  #eventBytes = 0
  #remaining = new Int32Array(0)
  #completedAt = new Float64Array(0)
  #waiters = new Map<number, () => void>()

  /** Opens every socket (a bounded number connecting at once) and sends its request. */
  async open(port: number, count: number, sampled: number): Promise<void> {
    const every = Math.max(1, Math.floor(count / Math.max(1, sampled)))
    for (let next = 0; next < count; next += IN_FLIGHT) {
      const batch = Math.min(IN_FLIGHT, count - next)
      await Promise.all(
        Array.from({ length: batch }, (_, i) =>
          this.#openOne(port, (next + i) % every === 0 && (next + i) / every < sampled),
        ),
      )
    }
  }

  /** Sockets whose response head said 200. */
  get streaming(): number {
    return this.#clients.filter((client) => client.reader.status === 200).length
  }

  get failed(): number {
    return this.#clients.filter((client) => client.failed).length
  }

  /** Body bytes received so far, over every socket. */
  get totalBytes(): number {
    let total = 0
    for (const client of this.#clients) total += client.bytes
    return total
  }

  /** Takes every socket's byte count as the point events are counted from. */
  markBase(): void {
    for (const client of this.#clients) client.base = client.bytes
  }

  /** Bytes each socket received since {@link markBase}. */
  sinceBase(): number[] {
    return this.#clients.map((client) => client.bytes - client.base)
  }

  /**
   * Counts events from here on: each is `eventBytes` long, the first `already` have arrived on
   * every socket, and at most `capacity` will be sent on this connection.
   */
  startCounting(eventBytes: number, already: number, capacity: number): void {
    this.#eventBytes = eventBytes
    this.#remaining = new Int32Array(capacity).fill(this.#clients.length)
    this.#remaining.fill(0, 0, already)
    this.#completedAt = new Float64Array(capacity)
    for (const client of this.#clients) client.done = already
  }

  /** Resolves with the time event `index` reached its last socket; rejects after `timeoutMs`. */
  completion(index: number, timeoutMs: number): Promise<number> {
    if (this.#remaining[index] === 0) return Promise.resolve(this.#completedAt[index] as number)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(index)
        reject(
          new Error(
            `Event ${index} reached ${this.#clients.length - (this.#remaining[index] ?? 0)} of ${this.#clients.length} sockets in ${timeoutMs} ms`,
          ),
        )
      }, timeoutMs)
      this.#waiters.set(index, () => {
        clearTimeout(timer)
        resolve(this.#completedAt[index] as number)
      })
    })
  }

  /** Sockets whose bytes are not exactly `events` whole events past their base. */
  misframed(events: number): number {
    const expected = events * this.#eventBytes
    return this.#clients.filter((client) => client.bytes - client.base !== expected).length
  }

  /** What the sampled sockets parsed. */
  samples(): EventSourceMessage[][] {
    return this.#clients.flatMap((client) => (client.parsed ? [client.parsed] : []))
  }

  /** Drops every socket at once. */
  destroy(): void {
    for (const client of this.#clients) client.socket.destroy()
    this.#clients.length = 0
  }

  #openOne(port: number, sample: boolean): Promise<void> {
    return new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port })
      const parsed: EventSourceMessage[] | undefined = sample ? [] : undefined
      const parser = parsed && createParser({ onEvent: (event) => parsed.push(event) })
      const decoder = new TextDecoder()
      const client: Client = {
        socket,
        bytes: 0,
        base: 0,
        done: 0,
        failed: false,
        parsed,
        reader: new ResponseReader((body) => {
          client.bytes += body.length
          parser?.feed(decoder.decode(body, { stream: true }))
          if (this.#eventBytes > 0) this.#count(client)
        }),
      }
      this.#clients.push(client)
      const fail = () => {
        client.failed = true
        resolve()
      }
      socket.setNoDelay(true)
      socket.once('connect', () => {
        socket.write(getRequest(port, '/events'))
        resolve()
      })
      socket.on('error', fail)
      socket.on('close', fail)
      socket.on('data', (bytes: Buffer) => {
        try {
          client.reader.feed(bytes)
        } catch {
          client.failed = true
        }
      })
    })
  }

  #count(client: Client): void {
    const done = Math.floor((client.bytes - client.base) / this.#eventBytes)
    const remaining = this.#remaining
    while (client.done < done && client.done < remaining.length) {
      const index = client.done++
      const left = (remaining[index] as number) - 1
      remaining[index] = left
      if (left === 0) {
        this.#completedAt[index] = performance.now()
        this.#waiters.get(index)?.()
        this.#waiters.delete(index)
      }
    }
  }
}
