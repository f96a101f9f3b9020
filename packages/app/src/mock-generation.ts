/** What a mock generation is asked for: how many chunks, how far apart. */
export interface GenerationRequest {
  /** Chunks to stream, 1 to 500. */
  chunks: number
  /** Milliseconds between chunks, 0 to 5000. */
  intervalMs: number
}

/** The default request: 60 chunks about 150 ms apart, a 9-second answer. */
export const DEFAULT_GENERATION: GenerationRequest = { chunks: 60, intervalMs: 150 }

const WORDS = ['Resumable ', 'streams ', 'keep ', 'going ', 'while ', 'the ', 'page ', 'reloads, ']

/**
 * A stand-in for a model's answer: `chunks` pieces of text, `intervalMs` apart, numbered so a
 * test can tell a missing or doubled one. Stops at once when `signal` aborts.
 *
 * @param request How many chunks, how far apart.
 * @param signal Aborts on a stop request.
 * @returns The chunks.
 */
export async function* mockGeneration(
  request: GenerationRequest,
  signal: AbortSignal,
): AsyncGenerator<string> {
  for (let i = 0; i < request.chunks; i++) {
    if (signal.aborted) return
    yield `${i === 0 ? '' : ' '}${i}:${WORDS[i % WORDS.length]?.trim()}`
    if (i < request.chunks - 1) await sleep(request.intervalMs, signal)
  }
}

/** The whole text of a generation that ran to its end. */
export function generationText(chunks: number): string {
  let text = ''
  for (let i = 0; i < chunks; i++)
    text += `${i === 0 ? '' : ' '}${i}:${WORDS[i % WORDS.length]?.trim()}`
  return text
}

/** Checks a request's body: a TypeError or RangeError naming the field. */
export function parseGenerationRequest(body: unknown): GenerationRequest {
  const { chunks = DEFAULT_GENERATION.chunks, intervalMs = DEFAULT_GENERATION.intervalMs } =
    (body ?? {}) as Partial<GenerationRequest>
  if (typeof chunks !== 'number' || typeof intervalMs !== 'number') {
    throw new TypeError('Cannot start: `chunks` and `intervalMs` must be numbers')
  }
  if (!Number.isInteger(chunks) || chunks < 1 || chunks > 500) {
    throw new RangeError(`Cannot start: \`chunks\` must be an integer from 1 to 500, got ${chunks}`)
  }
  if (!Number.isInteger(intervalMs) || intervalMs < 0 || intervalMs > 5000) {
    throw new RangeError(
      `Cannot start: \`intervalMs\` must be an integer from 0 to 5000, got ${intervalMs}`,
    )
  }
  return { chunks, intervalMs }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
