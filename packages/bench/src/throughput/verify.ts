import { readEventStream } from '@ssekit/testkit/event-stream'
import type { Contender, StreamRun } from './contenders/contender.ts'
import { dataText, type MessageKind } from './messages.ts'

/**
 * Streams `count` events through a contender and parses them back with the shared event-stream
 * reader (eventsource-parser), so a contender that is fast because it is wrong never reaches the
 * table. Throws on any mismatch.
 */
export async function verify(
  contender: Contender,
  run: StreamRun,
  kind: MessageKind,
  count: number,
): Promise<void> {
  const expectedData = contender.expectedData ?? dataText
  const { events } = await readEventStream(await run(count)).readToEnd()
  if (events.length !== count) {
    throw new Error(`Expected ${count} events, parsed ${events.length}`)
  }
  events.forEach((event, i) => {
    const sent = kind.messages[i & kind.mask] ?? { data: '' }
    if (event.data !== expectedData(sent.data)) throw new Error(`Event ${i} has the wrong data`)
    if (sent.event !== undefined && event.event !== sent.event) {
      throw new Error(`Event ${i} has the wrong event name`)
    }
    if (sent.id !== undefined && event.id !== sent.id)
      throw new Error(`Event ${i} has the wrong id`)
  })
}
