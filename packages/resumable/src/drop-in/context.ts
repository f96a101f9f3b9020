import { StreamExistsError } from '../errors.ts'
import type { ResumableStreams } from '../resumable-streams.ts'
import type { ResumableStreamContext } from './types.ts'

/** The `waitUntil` of `resumable-stream`: keeps a serverless function alive for a promise. */
export type WaitUntil = ((promise: Promise<unknown>) => void) | null | undefined

/**
 * The `resumable-stream` API over resumable streams of any backend. A stream's chunks are the
 * strings `makeStream()` gives; every reader, the first included, reads them from the backend,
 * so all get the same text.
 */
export function contextOver(
  streams: ResumableStreams,
  waitUntil: WaitUntil,
): ResumableStreamContext {
  const resume = async (id: string, skip: number | undefined) => {
    checkSkip(skip)
    const chunks = await streams.read(id)
    return chunks === undefined ? undefined : asText(chunks, skip ?? 0)
  }
  // The ID in use: resume it while it runs; `null` once it has ended.
  const existing = async (id: string, skip: number | undefined) => {
    checkSkip(skip)
    const info = await streams.get(id)
    if (info === undefined || info.state !== 'running') return null
    return (await resume(id, skip)) ?? null
  }
  const create = async (id: string, makeStream: () => ReadableStream<string>, skip?: number) => {
    checkSkip(skip)
    let resolveEnd!: () => void
    const ended = new Promise<void>((resolve) => {
      resolveEnd = resolve
    })
    try {
      await streams.start(id, () => makeStream(), { onEnd: () => resolveEnd() })
    } catch (error) {
      if (error instanceof StreamExistsError) return existing(id, skip)
      throw error
    }
    waitUntil?.(ended)
    return (await resume(id, 0)) ?? null
  }
  return {
    resumableStream: create,
    createNewResumableStream: (id, makeStream) => create(id, makeStream),
    async resumeExistingStream(id, skip) {
      checkSkip(skip)
      const info = await streams.get(id)
      if (info === undefined) return undefined
      if (info.state !== 'running') return null
      return resume(id, skip)
    },
    async hasExistingStream(id) {
      const info = await streams.get(id)
      if (info === undefined) return null
      return info.state === 'running' ? true : 'DONE'
    },
  }
}

function checkSkip(skip: unknown): void {
  if (skip === undefined) return
  if (typeof skip !== 'number') {
    throw new TypeError('Cannot resume: `skipCharacters` must be a number')
  }
  if (!(Number.isSafeInteger(skip) && skip >= 0)) {
    throw new RangeError(
      `Cannot resume: \`skipCharacters\` must be a non-negative safe integer, got ${skip}`,
    )
  }
}

/** The chunks as strings, without the first `skip` characters of their concatenation. */
function asText(chunks: ReadableStream<unknown>, skip: number): ReadableStream<string> {
  let left = skip
  return chunks.pipeThrough(
    new TransformStream<unknown, string>({
      transform(chunk, controller) {
        const text = typeof chunk === 'string' ? chunk : JSON.stringify(chunk)
        if (left >= text.length) {
          left -= text.length
          return
        }
        controller.enqueue(left === 0 ? text : text.slice(left))
        left = 0
      },
    }),
  )
}
