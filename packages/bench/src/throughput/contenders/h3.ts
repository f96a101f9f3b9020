import { createEventStream, type EventStreamMessage, H3 } from 'h3'
import { dataText } from '../messages.ts'
import { benchRequest, type Contender, countOf } from './contender.ts'

/** h3 2.x `createEventStream` with `await stream.push()` per event, served by `app.fetch`. */
export const h3: Contender = {
  name: 'h3',
  label: 'h3 createEventStream + await push()',
  prepare: ({ messages, mask }) => {
    const app = new H3().get('/', (event) => {
      const stream = createEventStream(event)
      const count = countOf(event.req.url)
      void (async () => {
        for (let i = 0; i < count; i++) {
          const { event, id, data } = messages[i & mask] ?? { data: '' }
          await stream.push({ event, id, data: dataText(data) } as EventStreamMessage)
        }
        await stream.close()
      })()
      return stream.send()
    })
    return (count) => app.fetch(benchRequest(count))
  },
}
