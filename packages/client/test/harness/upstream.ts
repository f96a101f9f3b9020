/**
 * A hostile test server: each test hands it a handler, and it counts every request and every
 * body the client cancelled. On Node, Bun and Deno it is a real `node:http` server on a socket;
 * inside workerd, which cannot listen, the same handler answers in process through the client's
 * `fetch` option.
 */
import { isWorkerd } from './runtime.ts'

/** Answers request number `attempt` (1-based) of this server. */
export type Handler = (request: Request, attempt: number) => Response | Promise<Response>

/** A request as the server saw it. */
export interface SeenRequest {
  method: string
  url: string
  headers: Headers
  body: string
}

/** A running hostile server. */
export interface Upstream {
  /** Where to point the client. */
  readonly url: string
  /** Spread into `events()`'s options: in workerd, the in-process `fetch`. */
  readonly init: { fetch?: (request: Request) => Promise<Response> }
  /** Every request, in order. */
  readonly requests: SeenRequest[]
  /** Bodies the client cancelled (or whose connection it closed) before they ended. */
  readonly cancelled: number
  /** Bodies being sent right now. */
  readonly open: number
  close(): Promise<void>
}

/** Starts a hostile server around `handler`. */
export async function serve(handler: Handler): Promise<Upstream> {
  const state = { requests: [] as SeenRequest[], cancelled: 0, open: 0 }
  const answer = async (request: Request): Promise<Response> => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text()
    const { method, url, headers } = request
    state.requests.push({ method, url, headers: new Headers(headers), body })
    const response = await handler(request, state.requests.length)
    if (response.body === null) return response
    return new Response(tracked(response.body, state), response)
  }
  const base = {
    requests: state.requests,
    get cancelled() {
      return state.cancelled
    },
    get open() {
      return state.open
    },
  }
  if (isWorkerd()) {
    return Object.assign(base, {
      url: 'http://upstream.test/sse',
      init: { fetch: answer },
      close: async () => {},
    })
  }
  const { listen } = await import('./node-server.ts')
  const server = await listen(answer)
  return Object.assign(base, { url: `${server.url}/sse`, init: {}, close: server.close })
}

// Counts the body's end and its cancellation, whoever cancels it.
function tracked(
  body: ReadableStream<Uint8Array>,
  state: { cancelled: number; open: number },
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let finished = false
  const finish = () => {
    if (!finished) state.open--
    finished = true
  }
  state.open++
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read()
          if (done) {
            finish()
            controller.close()
          } else controller.enqueue(value)
        } catch (error) {
          finish()
          controller.error(error)
        }
      },
      cancel(reason) {
        if (!finished) state.cancelled++
        finish()
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
