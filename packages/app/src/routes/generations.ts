import type { CloseReason } from '@ssekit/core'
import { subscribe } from '@ssekit/hono'
import { StreamExistsError } from '@ssekit/resumable'
import { Hono } from 'hono'
import { readCappedText } from '../capped-body.ts'
import { GENERATION_PAGE_HTML } from '../generation-page-html.ts'
import { type GenerationRequest, parseGenerationRequest } from '../mock-generation.ts'
import { openStream } from '../open-stream.ts'
import type { RouteModule } from '../route-module.ts'

/**
 * Resumable generations: `GET /generate` is a page that starts a mock answer and shows it as it
 * streams, and picks it up again after a reload; `POST /generations` starts one
 * (`{"chunks", "intervalMs"}`), `GET /generations/:id` streams it from `Last-Event-ID` (`404`
 * unknown, `204` once read to its end), `POST /generations/:id/stop` stops it.
 */
export const generationRoutes: RouteModule = (deps) => {
  const { generations } = deps
  return new Hono()
    .get('/generate', (c) => c.html(GENERATION_PAGE_HTML))
    .post('/generations', async (c) => {
      let request: GenerationRequest
      try {
        const text = await readCappedText(c.req.raw, 1024)
        if (text === undefined) return c.text('Cannot start: the body is over 1024 bytes', 413)
        request = parseGenerationRequest(text === '' ? {} : JSON.parse(text))
      } catch (error) {
        if (error instanceof SyntaxError) return c.text('Cannot start: the body is not JSON', 400)
        if (error instanceof TypeError || error instanceof RangeError) {
          return c.text(error.message, 400)
        }
        throw error
      }
      const id = crypto.randomUUID()
      try {
        await generations.start(id, request)
      } catch (error) {
        if (error instanceof StreamExistsError) return c.text(error.message, 409)
        throw error
      }
      return c.json({ id }, 201)
    })
    .get('/generations/:id', async (c) => {
      const id = c.req.param('id')
      // A reader's stream counts against its client's cap and in /stats, as the feed's do.
      const counted = openStream(deps, c)
      if (counted instanceof Response) return counted
      let closed = false
      const onClose = (reason: CloseReason) => {
        if (closed) return
        closed = true
        counted(reason)
      }
      try {
        // Through `subscribe()`, as the feed: on Node the events go to the socket directly.
        return await subscribe(c, {
          subscribe: (request) => generations.subscribe(request, id, onClose),
        })
      } catch (error) {
        onClose('error')
        if (error instanceof TypeError || error instanceof RangeError) {
          return c.text(error.message, 400)
        }
        throw error
      }
    })
    .post('/generations/:id/stop', async (c) => {
      let info: Awaited<ReturnType<typeof generations.stop>>
      try {
        info = await generations.stop(c.req.param('id'))
      } catch (error) {
        if (error instanceof TypeError || error instanceof RangeError) {
          return c.text(error.message, 400)
        }
        throw error
      }
      if (info === undefined) return c.text('No such generation', 404)
      return c.json(info)
    })
}
