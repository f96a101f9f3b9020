import type { Attempt, EventsInit } from './options.ts'

/**
 * What {@link events} accepts as the stream's address: a URL, or a `Request` whose method, body,
 * headers and other settings every attempt reuses.
 *
 * @example A prepared POST request
 * ```ts
 * import { type EventsInput, events } from '@ssekit/client'
 * const input: EventsInput = new Request('https://example.com/chat', { method: 'POST', body: '{"q":"hi"}' })
 * for await (const e of events(input)) console.log(e.data)
 * ```
 */
export type EventsInput = string | URL | Request

/**
 * Builds one request per attempt: headers and body are computed afresh each time, and a `Request`
 * given as input is cloned (its body teed), so every attempt sends the same body.
 * @internal
 */
export class RequestFactory {
  readonly #template: Request | undefined
  readonly #url: string | undefined
  readonly #init: EventsInit
  #streamBodySent = false

  constructor(input: EventsInput, init: EventsInit) {
    if (input instanceof Request) this.#template = input
    else if (typeof input === 'string' || input instanceof URL) this.#url = String(input)
    else
      throw new TypeError('Cannot open the event stream: `input` must be a string, URL or Request')
    const method = (init.method ?? this.#template?.method ?? 'GET').toUpperCase()
    if (init.body != null && (method === 'GET' || method === 'HEAD')) {
      throw new TypeError(
        `Cannot open the event stream: a ${method} request cannot have a \`body\``,
      )
    }
    this.#init = init
  }

  /** The request for one attempt, with `signal` and the `Last-Event-ID` in effect. */
  async create(attempt: Attempt, signal: AbortSignal): Promise<Request> {
    const init = this.#init
    const headers = new Headers(this.#template?.headers)
    const extra = typeof init.headers === 'function' ? await init.headers(attempt) : init.headers
    if (extra !== undefined)
      for (const [name, value] of new Headers(extra)) headers.set(name, value)
    if (!headers.has('accept')) headers.set('accept', 'text/event-stream')
    if (attempt.lastEventId !== '') setLastEventId(headers, attempt.lastEventId)
    const request: RequestInit & { duplex?: 'half' } = { headers, signal }
    if (init.method !== undefined) request.method = init.method
    if (init.credentials !== undefined) request.credentials = init.credentials
    if (init.body !== undefined) {
      const body = typeof init.body === 'function' ? await init.body(attempt) : init.body
      if (body instanceof ReadableStream) {
        // A function may hand out a fresh stream each time; a stream given as is goes once.
        if (typeof init.body !== 'function' && this.#streamBodySent) {
          throw new TypeError(
            'Cannot reconnect: `body` is a ReadableStream, which can be sent only once; pass a function that returns a fresh body',
          )
        }
        this.#streamBodySent = true
        // Fetch refuses a stream body without it (and only half duplex exists).
        request.duplex = 'half'
      }
      request.body = body
    }
    // A clone per attempt keeps the template's body unread for the next one.
    return new Request(this.#template?.clone() ?? (this.#url as string), request)
  }
}

// The spec sends the ID as UTF-8 bytes. workerd's Headers take any string and its fetch encodes
// it as UTF-8; Node, Bun and Deno take byte strings only, one char per byte, so `é` goes out as
// its two UTF-8 bytes there instead of throwing at the reconnect.
function setLastEventId(headers: Headers, id: string): void {
  try {
    headers.set('last-event-id', id)
  } catch {
    headers.set('last-event-id', String.fromCharCode(...new TextEncoder().encode(id)))
  }
}
