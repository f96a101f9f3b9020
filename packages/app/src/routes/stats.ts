import { Hono } from 'hono'
import type { RouteModule } from '../route-module.ts'

/** `GET /stats`: `{"open": N, "ticks": N}` for this process or isolate. */
export const statsRoutes: RouteModule = ({ stats }) =>
  new Hono().get('/stats', (c) => {
    c.header('cache-control', 'no-store')
    return c.json(stats.snapshot())
  })
