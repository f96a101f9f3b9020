import { Hono } from 'hono'
import { type SSEMessage, streamSSE } from 'hono/streaming'
import { dataText } from '../messages.ts'
import { benchRequest, type Contender, countOf } from './contender.ts'

/** Hono's `streamSSE` helper with `await stream.writeSSE()` per event, served by `app.fetch`. */
export const hono: Contender = {
  name: 'hono',
  label: 'Hono streamSSE + await writeSSE()',
  prepare: ({ messages, mask }) => {
    const app = new Hono().get('/', (c) =>
      streamSSE(c, async (stream) => {
        const count = countOf(c.req.url)
        for (let i = 0; i < count; i++) {
          const { event, id, data } = messages[i & mask] ?? { data: '' }
          await stream.writeSSE({ event, id, data: dataText(data) } as SSEMessage)
        }
      }),
    )
    return (count) => app.fetch(benchRequest(count))
  },
}
