/**
 * Realistic JSON payloads, the same sequence in every process: chat messages (names, rooms and
 * keys repeat, the text does not) and LLM token deltas (one word each, in a fixed envelope).
 */

export type PayloadName = 'chat' | 'token'

const WORDS = (
  'the a to and of in is you that it for on with as this be at are have not but we they so what ' +
  'can all about if just one like do my your there out up more when time how get our will some no ' +
  'was would people make good know think see new also first now its very use well even want any ' +
  'these way over because other need work day most could back only after year'
).split(' ')
const NAMES = ['ada', 'grace', 'linus', 'margaret', 'alan', 'barbara', 'ken', 'dennis', 'frances']

/** A deterministic message maker: message `n` of a payload is the same in every run. */
export function payloadMaker(name: PayloadName): (n: number) => { event: string; data: unknown } {
  let seed = 42
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed / 2 ** 32
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const sentence = (words: number) => Array.from({ length: words }, () => pick(WORDS)).join(' ')
  if (name === 'token') {
    return () => ({
      event: 'delta',
      data: {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: ` ${pick(WORDS)}` },
      },
    })
  }
  return (n) => {
    const from = pick(NAMES)
    return {
      event: 'chat',
      data: {
        type: 'message',
        room: 'general',
        from: { id: `u_${NAMES.indexOf(from) + 100}`, name: from },
        text: sentence(4 + Math.floor(random() * 16)),
        sentAt: new Date(1_780_000_000_000 + n * 1371).toISOString(),
        reactions: [],
      },
    }
  }
}
