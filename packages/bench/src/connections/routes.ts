import { sse } from '@ssekit/hono'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'

/** Which layer serves the idle stream: ssekit's `sse()` (as the shared app uses it), or Hono's. */
export type IdleKind = 'ssekit' | 'hono'

/**
 * `GET /sse`, an idle event stream whose only traffic is a heartbeat every `heartbeatMs`, and
 * `GET /stats`, `{"open": N}`. The shared app has no heartbeat knob (its default is 15 s), so
 * the bench serves this, with the same pieces: Hono, `@ssekit/hono` and the runtime's server.
 */
export function idleApp(kind: IdleKind, heartbeatMs: number): Hono {
  let open = 0
  const track = () => {
    open++
    let done = false
    return () => {
      if (!done) open--
      done = true
    }
  }
  const app = new Hono().get('/stats', (c) => c.json({ open }))
  if (kind === 'ssekit') {
    // A callback that returns nothing keeps the stream open until the client leaves.
    return app.get('/sse', (c) => sse(c, () => {}, { heartbeat: heartbeatMs, onClose: track() }))
  }
  return app.get('/sse', (c) =>
    streamSSE(c, async (stream) => {
      const untrack = track()
      stream.onAbort(untrack)
      // Hono has no heartbeat of its own: this is the loop its users write.
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(heartbeatMs)
        if (!stream.aborted) await stream.write(':\n\n')
      }
      untrack()
    }),
  )
}
