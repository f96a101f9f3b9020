import { createResponse } from 'better-sse'
import { benchRequest, type Contender } from './contender.ts'

/**
 * better-sse in its Fetch mode. `push()` has no backpressure, so the loop is synchronous; the
 * session ends when the request's signal aborts. It always writes an event name and an ID (a
 * random UUID when none is given), and it JSON-serialises every `data`, strings included: with a
 * serializer that passes strings through, a multi-line string loses its lines after the first
 * (they go out without a `data:` prefix). So it is measured as its users run it, with the default.
 */
export const betterSse: Contender = {
  name: 'better-sse',
  label: 'better-sse createResponse + session.push()',
  expectedData: (data) => JSON.stringify(data),
  prepare: ({ messages, mask }) => {
    return (count) => {
      const request = new AbortController()
      const options = { keepAlive: null, retry: null }
      return createResponse(benchRequest(count, request.signal), options, (session) => {
        for (let i = 0; i < count; i++) {
          const { event, id, data } = messages[i & mask] ?? { data: '' }
          session.push(data, event, id)
        }
        request.abort()
      })
    }
  },
}
