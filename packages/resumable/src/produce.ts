import { chunkMessage } from './end-event.ts'
import { type Ending, endStream } from './finish.ts'
import { forEachChunk } from './for-each-chunk.ts'
import { cancel, later, messageOf, withPatience } from './timing.ts'
import type { Producer, StreamFormat, StreamState } from './types.ts'

/** One producer run: what it writes to, and how long its lease lasts. */
export interface ProducerRun extends Ending {
  id: string
  owner: string
  format: StreamFormat
  lease: number
  /** Aborts the producer: a stop request, a lost lease, or the instance shutting down. */
  controller: AbortController
}

/** Why a run was aborted, when it was. */
export type AbortCause = 'stop' | 'lost' | 'shutdown'

/**
 * Runs a producer to its end, storing each chunk as an event of the stream, and renewing the
 * lease every third of it, so that readers elsewhere can tell a live producer from a dead one.
 * It keeps going whether or not anyone reads. It ends the stream `done`, `stopped` (a stop
 * request aborted it) or `failed` (it threw, or a chunk could not be stored), unless the lease
 * was lost: then another instance has ended it already.
 *
 * @returns How the stream ended, or `undefined` if this run no longer owned it.
 */
export async function produce(
  run: ProducerRun,
  producer: Producer,
  outsideCause: () => AbortCause,
): Promise<StreamState | undefined> {
  const { store, id, owner, lease, controller } = run
  let cause: AbortCause | undefined
  const abort = (why: AbortCause) => {
    cause ??= why
    controller.abort(
      new DOMException(`The stream was ${why === 'stop' ? 'stopped' : 'ended'}`, 'AbortError'),
    )
  }
  // Aborted from outside (the caller's stop, or a shutdown): the caller says why.
  if (controller.signal.aborted) cause = outsideCause()
  else controller.signal.addEventListener('abort', () => (cause ??= outsideCause()), { once: true })
  const unwatch = store.watchStop(id, () => abort('stop'))
  let renewing: ReturnType<typeof setTimeout> | undefined
  const renew = () => {
    renewing = later(lease / 3, () => {
      store.renew(id, owner, Date.now() + lease).then(
        (answer) => {
          if (answer === 'stop') abort('stop')
          else if (answer === 'lost') abort('lost')
          if (!controller.signal.aborted) renew()
        },
        // The backend is away: try again next time; if it stays away, the lease runs out.
        () => {
          if (!controller.signal.aborted) renew()
        },
      )
    })
  }
  renew()
  let state: Exclude<StreamState, 'running'> = 'done'
  let error: string | undefined
  try {
    await forEachChunk(producer, controller.signal, async (chunk) => {
      const message = chunkMessage(chunk)
      await withPatience(() => store.append(id, message), lease, controller.signal)
    })
  } catch (thrown) {
    state = 'failed'
    error = messageOf(thrown)
  } finally {
    cancel(renewing)
    unwatch()
  }
  if (cause === 'lost') return undefined
  if (cause === 'stop') {
    state = 'stopped'
    error = undefined
  } else if (cause === 'shutdown') {
    state = 'failed'
    error = 'The server shut down'
  }
  const ended = await endStream(run, id, run.format, state, { owner }, error)
  return ended ? state : undefined
}
