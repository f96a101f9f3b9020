import { endMessage } from './end-event.ts'
import type { ClaimCondition, ResumableStore } from './store.ts'
import { withPatience } from './timing.ts'
import type { StreamFormat, StreamState } from './types.ts'

/** How a stream ends: the store and the times that apply. */
export interface Ending {
  store: ResumableStore
  /** How long a finished stream is kept. */
  ttl: number
  /** How long to keep trying to store the end event while the backend is away. */
  patience: number
}

/**
 * Ends a stream: claims it (atomically: one claimant wins), stores its end event, then records
 * that event's ID and starts its expiry. A claimant that dies between the claim and the end
 * event leaves a stream that readers' lease watches end again (`unendedSince`).
 *
 * @returns Whether this call ended it.
 */
export async function endStream(
  ending: Ending,
  id: string,
  format: StreamFormat,
  state: Exclude<StreamState, 'running'>,
  condition: ClaimCondition,
  error?: string,
): Promise<boolean> {
  const { store, ttl, patience } = ending
  if (!(await store.claim(id, state, condition, Date.now(), error))) return false
  const endId = await withPatience(
    () => store.append(id, endMessage(format, state, error)),
    patience,
  )
  await withPatience(() => store.ended(id, endId, ttl), patience)
  return true
}
