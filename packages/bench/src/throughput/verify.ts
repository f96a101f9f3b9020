import { createParser, type EventSourceMessage } from 'eventsource-parser'
import type { Contender, StreamRun } from './contenders/contender.ts'
import { drain } from './drain.ts'
import { dataText, type MessageKind } from './messages.ts'

/**
 * Streams `count` events through a contender and parses them back with eventsource-parser, so a
 * contender that is fast because it is wrong never reaches the table. Throws on any mismatch.
 */
export async function verify(
  contender: Contender,
  run: StreamRun,
  kind: MessageKind,
  count: number,
): Promise<void> {
  const expectedData = contender.expectedData ?? dataText
  const chunks: Uint8Array[] = []
  await drain((await run(count)).body, chunks)
  const events: EventSourceMessage[] = []
  const parser = createParser({ onEvent: (event) => events.push(event) })
  const decoder = new TextDecoder()
  for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }))
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
