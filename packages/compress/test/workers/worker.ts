// The Worker that test/node/workers.test.ts runs under `wrangler dev`: a compressed stream of
// timed events (/sse), and the same stream left to the platform's own compression (/platform).

import { SSE_HEADERS, type SSEMessage, sseResponse, sseStream } from '@ssekit/core'
import { type ContentCoding, compression } from '../../src/index.ts'

const EVENTS = 6
const SPACING_MS = 300

async function* timed(): AsyncGenerator<SSEMessage> {
  for (let n = 0; n < EVENTS; n++) {
    if (n > 0) await new Promise((resolve) => setTimeout(resolve, SPACING_MS))
    // `sentAt`: when it was written, so the client can tell whether it came before the next one.
    yield { event: 'chat', data: { n, sentAt: Date.now(), text: `message ${n} to the room` } }
  }
}

export default {
  fetch(request: Request): Response {
    const url = new URL(request.url)
    if (url.pathname === '/sse') {
      const coding = (url.searchParams.get('coding') ?? 'gzip') as ContentCoding
      const compress = compression(request, { encodings: [coding] })
      return sseResponse(timed(), { signal: request.signal, compress })
    }
    if (url.pathname === '/negotiated') {
      return sseResponse(timed(), { signal: request.signal, compress: compression(request) })
    }
    if (url.pathname === '/platform') {
      // Plain bytes with a `Content-Encoding`: workerd compresses them itself (encodeBody 'automatic').
      const body = sseStream(timed(), { signal: request.signal })
      return new Response(body, { headers: { ...SSE_HEADERS, 'content-encoding': 'gzip' } })
    }
    return new Response('ok')
  },
}
