import type { ReplayBatch, ReplayStore, StoredEvent } from './replay-store.ts'

/**
 * Reads what a client resuming after `lastEventId` missed. `pending` are events published but
 * not yet confirmed by an async store's `append`, oldest first: they may or may not be in what the
 * store returns, so they are merged in without repeats. Sync stores have none and stay sync.
 * @internal
 */
export function readReplay(
  store: ReplayStore,
  lastEventId: string,
  pending: readonly StoredEvent[],
): ReplayBatch | PromiseLike<ReplayBatch> {
  const at = pending.findIndex((event) => event.id === lastEventId)
  // The client saw an event the store has not confirmed yet: the rest of `pending` is what it missed.
  if (at >= 0) return { events: pending.slice(at + 1), complete: true }
  const batch = store.readAfter(lastEventId)
  if (pending.length === 0) return batch
  return Promise.resolve(batch).then((stored) => mergePending(stored, pending))
}

function mergePending(stored: ReplayBatch, pending: readonly StoredEvent[]): ReplayBatch {
  const seen = new Set(stored.events.map((event) => event.id))
  const missing = pending.filter((event) => !seen.has(event.id))
  if (missing.length === 0) return stored
  return { events: [...stored.events, ...missing], complete: stored.complete }
}
