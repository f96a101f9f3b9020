import type { SSESink } from '@ssekit/core'
import { abortableSleep } from '@ssekit/core/backend'
import { sse } from '@ssekit/hono'
import { Hono } from 'hono'
import { parseInterval } from '../interval.ts'
import { openStream } from '../open-stream.ts'
import type { RouteModule } from '../route-module.ts'
import type { StreamStats } from '../stream-stats.ts'
import { utcSeconds } from '../utc-seconds.ts'

/** `GET /sse`: the current UTC time, once a second or every `?interval=` milliseconds. */
export const tickerRoutes: RouteModule = (deps) =>
  new Hono().get('/sse', (c) => {
    let interval: number
    try {
      interval = parseInterval(c.req.query('interval'))
    } catch (error) {
      if (error instanceof RangeError) return c.text(error.message, 400)
      throw error
    }
    const onClose = openStream(deps, c)
    if (onClose instanceof Response) return onClose
    return sse(c, (sink) => tick(sink, interval, deps.stats), { onClose })
  })

async function tick(sink: SSESink, interval: number, stats: StreamStats): Promise<void> {
  // The wait ends the moment the client leaves, so no timer outlives the stream.
  while (await abortableSleep(interval, sink.signal)) {
    stats.ticked()
    if (!(await sink.send({ data: utcSeconds(new Date()) }))) return
  }
}
