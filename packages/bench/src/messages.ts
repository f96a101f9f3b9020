/** One event as every contender receives it; each formats it in its own way. */
export interface BenchMessage {
  event?: string
  id?: string
  data: unknown
}

export type MessageKindName = 'small-json' | 'data-1kb' | 'multi-line'

// A power-of-two long ring of ready-made messages, so `messages[i & mask]` picks the i-th event.
const RING = 1024
const kind = (name: MessageKindName, make: (i: number) => BenchMessage) => ({
  name,
  messages: Array.from({ length: RING }, (_, i) => make(i)) as readonly BenchMessage[],
  mask: RING - 1,
})

/** A kind of message, with a ring of instances that every contender cycles through. */
export type MessageKind = ReturnType<typeof kind>

// Roughly 1 KB of text, one line: a serialised payload a producer would forward as-is.
const KILOBYTE = JSON.stringify({
  items: Array.from({ length: 24 }, (_, i) => ({ sku: `SKU-${1000 + i}`, qty: i })),
}).padEnd(1024, ' ')
const LINES = Array.from({ length: 8 }, (_, i) => `line ${i + 1} of a multi-line event payload`)

/** The messages of the streaming parts, the same for every contender and runtime. */
export const MESSAGE_KINDS: readonly MessageKind[] = [
  kind('small-json', (i) => ({
    event: 'price',
    id: String(i),
    data: { symbol: 'ACME', usd: 100 + (i % 100) / 4, at: 1_767_225_600_000 + i },
  })),
  kind('data-1kb', (i) => ({ data: `${i % 10}${KILOBYTE.slice(1)}` })),
  kind('multi-line', (i) => ({ data: `${i}\n${LINES.join('\n')}` })),
]

/** The kind named `name`; throws on a name that is none. */
export function messageKind(name: string | null): MessageKind {
  const kind = MESSAGE_KINDS.find((k) => k.name === name)
  if (!kind) throw new RangeError(`Cannot stream: unknown message kind ${JSON.stringify(name)}`)
  return kind
}

/** The text a string-only API gets: strings as they are, anything else as JSON. */
export function dataText(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data)
}

/** The least work that still frames an event correctly (LF only, no validation). */
export function formatByHand({ event, id, data }: BenchMessage): string {
  let text = ''
  if (id !== undefined) text += `id: ${id}\n`
  if (event !== undefined) text += `event: ${event}\n`
  const value = dataText(data)
  return `${text}data: ${value.includes('\n') ? value.replaceAll('\n', '\ndata: ') : value}\n\n`
}

/** Events per chunk of the hand-written limit. */
export const COALESCE = 64

/** `count` hand-formatted events, {@link COALESCE} joined per chunk: the practical limit. */
export function* handChunks(kind: MessageKind, count: number): Generator<string> {
  for (let i = 0; i < count; ) {
    const end = Math.min(count, i + COALESCE)
    let text = ''
    for (; i < end; i++) text += formatByHand(kind.messages[i & kind.mask] as BenchMessage)
    yield text
  }
}

export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
}

/**
 * Throws unless `events` (parsed with eventsource-parser) are the first `count` events of `kind`,
 * so a contender that is fast because it is wrong never reaches a table.
 */
export function checkEvents(
  events: readonly { event?: string | undefined; id?: string | undefined; data: string }[],
  kind: MessageKind,
  count: number,
  expectedData: (data: unknown) => string = dataText,
): void {
  if (events.length !== count) throw new Error(`Expected ${count} events, parsed ${events.length}`)
  events.forEach((event, i) => {
    const sent = kind.messages[i & kind.mask] as BenchMessage
    const same =
      event.data === expectedData(sent.data) &&
      (sent.event === undefined || event.event === sent.event) &&
      (sent.id === undefined || event.id === sent.id)
    if (!same) throw new Error(`Event ${i} differs from what was sent`)
  })
}
