import type { IncomingMessage, ServerResponse } from 'node:http'
import { currentRuntimeVersion } from '../runtime.ts'
import { EVENT_STREAM_HEADERS } from '../throughput/contenders/contender.ts'
import { COALESCE, formatByHand } from '../throughput/contenders/hand.ts'
import { streamRequest } from './apps.ts'

/**
 * Node's limit: `node:http` with no fetch adapter, hand-formatted events, 64 joined per
 * `res.write()`, waiting for `drain` when the socket's buffer is full.
 */
export function handStreamListener(request: IncomingMessage, response: ServerResponse): void {
  if (request.url === '/ready') {
    response.end(currentRuntimeVersion())
    return
  }
  const { count, kind } = streamRequest(request.url ?? '')
  response.writeHead(200, EVENT_STREAM_HEADERS)
  let i = 0
  const write = () => {
    while (i < count) {
      const end = Math.min(count, i + COALESCE)
      let text = ''
      for (; i < end; i++) text += formatByHand(kind.messages[i & kind.mask] ?? { data: '' })
      if (!response.write(text)) {
        response.once('drain', write)
        return
      }
    }
    response.end()
  }
  write()
}
