import { encodeGap } from './gap.ts'
import { readReplay } from './read-replay.ts'
import type { ReplayBatch } from './replay-store.ts'
import type { StoreWriter } from './store-writer.ts'
import type { Subscriber } from './subscriber.ts'

/**
 * Reads what a just-registered subscriber missed after `lastEventId` and hands it over, with the
 * gap notice if the ID is gone. The caller registers the subscriber first, in the same turn, so
 * every event published from then on is in the read or in the subscriber's backlog (or both,
 * which the subscriber dedupes). A sync store keeps the whole thing in this turn.
 * @internal
 */
export function startReplay(
  subscriber: Subscriber,
  writer: StoreWriter,
  lastEventId: string,
): void {
  const begin = (batch: ReplayBatch): void => {
    if (subscriber.closed) return
    const events = batch.events.filter((event) => subscriber.topics.has(event.topic))
    subscriber.replay(batch.complete ? undefined : encodeGap(lastEventId), events)
  }
  // A store that fails to read still lets the client go live, warned that it may have missed some.
  const fail = (error: unknown): void => {
    console.error('ssekit: the replay store could not be read', error)
    begin({ events: [], complete: false })
  }
  let batch: ReplayBatch | PromiseLike<ReplayBatch>
  try {
    batch = readReplay(writer.store, lastEventId, writer.unconfirmed)
  } catch (error) {
    fail(error)
    return
  }
  if (typeof (batch as PromiseLike<ReplayBatch>).then !== 'function') {
    begin(batch as ReplayBatch)
    return
  }
  Promise.resolve(batch)
    .then(begin, fail)
    .catch((error: unknown) => console.error('ssekit: replay failed', error))
}
