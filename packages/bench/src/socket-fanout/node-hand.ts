import type { RequestListener, ServerResponse } from 'node:http'
import { currentRuntimeVersion } from '../runtime.ts'
import { formatByHand } from '../throughput/contenders/hand.ts'
import { type Broadcaster, fanoutEvent } from './event.ts'

const HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }

/**
 * Node's limit: `node:http` with no fetch adapter. Each event is formatted into one `Buffer` and
 * `res.write()` hands it to every client; Node queues what a socket cannot take yet.
 */
export function nodeHandBroadcaster(): Broadcaster & { listener: RequestListener } {
  const clients = new Set<ServerResponse>()
  return {
    listener(request, response) {
      if (request.url === '/ready') {
        response.end(currentRuntimeVersion())
        return
      }
      response.writeHead(200, HEADERS)
      response.write(':\n\n')
      clients.add(response)
      response.once('close', () => clients.delete(response))
    },
    get subscribers() {
      return clients.size
    },
    publish(seq) {
      const bytes = Buffer.from(formatByHand(fanoutEvent(seq)))
      for (const client of clients) client.write(bytes)
    },
  }
}
