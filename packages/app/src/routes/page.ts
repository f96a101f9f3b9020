import { Hono } from 'hono'
import { PAGE_HTML } from '../page-html.ts'
import type { RouteModule } from '../route-module.ts'

/** `GET /`: a page that shows the ticks live, and when the connection drops or comes back. */
export const pageRoutes: RouteModule = () => new Hono().get('/', (c) => c.html(PAGE_HTML))
