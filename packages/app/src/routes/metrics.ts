import { Hono } from 'hono'
import type { RouteModule } from '../route-module.ts'

/** `GET /metrics`: Prometheus text, where the runtime's entry gave the app its metrics. */
export const metricsRoutes: RouteModule = ({ metrics }) => {
  const routes = new Hono()
  if (metrics !== undefined) routes.get('/metrics', () => metrics())
  return routes
}
