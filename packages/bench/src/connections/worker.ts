/**
 * The idle-stream server on workerd, under `wrangler dev`: the routes of routes.ts, one app per
 * isolate so `/stats` counts this isolate's streams. The orchestrator reads workerd's memory from
 * its processes, since a Worker cannot see its own.
 */
import type { Hono } from 'hono'
import { type IdleKind, idleApp } from './routes.ts'

let app: Hono | undefined

export default {
  fetch(request: Request, env: { SERVER_KIND?: string; HEARTBEAT_MS?: string }) {
    app ??= idleApp(env.SERVER_KIND as IdleKind, Number(env.HEARTBEAT_MS ?? 1000))
    return app.fetch(request)
  },
}
