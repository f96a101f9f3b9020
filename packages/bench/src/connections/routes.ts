import type { CloseReason } from '@ssekit/core'
import { sse } from '@ssekit/hono'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'

/**
 * Which SSE layer serves `/sse`: ssekit (as the shared app uses it), Hono's own helper, or
 * `floor`: a bare `ReadableStream` with one `setInterval` heartbeat, the least an idle stream can
 * cost on the server (the heap part measures the others against it).
 */
export type ServerKind = 'ssekit' | 'hono' | 'floor'

/** Counts open event streams, like the shared app's `/stats`. */
class OpenStreams {
  open = 0
  track(): (reason?: CloseReason) => void {
    this.open++
    let done = false
    return () => {
      if (!done) this.open--
      done = true
    }
  }
}

/**
 * `GET /sse`, an idle event stream whose only traffic is its heartbeat every `heartbeatMs`, and
 * `GET /stats`, `{"open": N}`. The shared app has no heartbeat knob (its ticker keeps streams
 * busy and the heartbeat is the core's 15 s default), so the bench serves this instead, with the
 * same pieces: Hono, `@ssekit/hono`'s `sse()` and the runtime's own server.
 */
export function idleStreamsApp(kind: ServerKind, heartbeatMs: number): Hono {
  const streams = new OpenStreams()
  const app = new Hono().get('/stats', (c) => c.json({ open: streams.open }))
  if (kind === 'ssekit') {
    // A callback that returns nothing keeps the stream open until the client leaves.
    return app.get('/sse', (c) =>
      sse(c, () => {}, { heartbeat: heartbeatMs, onClose: streams.track() }),
    )
  }
  if (kind === 'floor') return app.get('/sse', () => floorStream(heartbeatMs, streams.track()))
  return app.get('/sse', (c) =>
    streamSSE(c, async (stream) => {
      const untrack = streams.track()
      stream.onAbort(untrack)
      // Hono has no heartbeat of its own: this is the loop its users write.
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(heartbeatMs)
        if (stream.aborted) break
        await stream.write(':\n\n')
      }
      untrack()
    }),
  )
}

const encoder = new TextEncoder()

// The least work an idle stream can be: an opening comment, a heartbeat timer, a cancel.
function floorStream(heartbeatMs: number, untrack: () => void): Response {
  let timer: ReturnType<typeof setInterval> | undefined
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(':\n\n'))
      timer = setInterval(() => controller.enqueue(encoder.encode(':\n\n')), heartbeatMs)
    },
    cancel() {
      clearInterval(timer)
      untrack()
    },
  })
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
}
