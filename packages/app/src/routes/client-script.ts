import { Hono } from 'hono'
import { CLIENT_BUNDLE } from '../generated/client-bundle.ts'
import type { RouteModule } from '../route-module.ts'

/**
 * `GET /ssekit-client.js`: `@ssekit/client` as one ES module, so the feed page reads `/events` in
 * shared mode. Served from memory on every runtime: a Worker has no files to serve it from.
 */
export const clientScriptRoutes: RouteModule = () =>
  new Hono().get('/ssekit-client.js', (c) => {
    // Revalidated each time: a deploy with a new client is picked up at the next load.
    c.header('cache-control', 'no-cache')
    return c.body(CLIENT_BUNDLE, 200, { 'content-type': 'text/javascript; charset=utf-8' })
  })
