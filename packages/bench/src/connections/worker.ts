/**
 * The server of the connections part on workerd, under `wrangler dev`: the same routes as
 * `server.ts`, one app per isolate so `/stats` counts this isolate's streams. Memory is read
 * from the workerd process by the orchestrator, since a Worker cannot see its own.
 */
import type { Hono } from 'hono'
import { idleStreamsApp, type ServerKind } from './routes.ts'

interface Env {
  SERVER_KIND?: string
  HEARTBEAT_MS?: string
}

let app: Hono | undefined

export default {
  fetch(request: Request, env: Env): Response | Promise<Response> {
    app ??= idleStreamsApp(
      (env.SERVER_KIND ?? 'ssekit') as ServerKind,
      Number(env.HEARTBEAT_MS ?? 1000),
    )
    return app.fetch(request)
  },
}
