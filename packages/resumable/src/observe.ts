import { type Ending, endStream } from './finish.ts'
import type { LeaseWatch } from './lease-watch.ts'
import type { StoredStream } from './store.ts'
import { pause } from './timing.ts'
import type { StreamInfo } from './types.ts'

/** The public side of a record. */
export function infoOf(id: string, record: StoredStream): StreamInfo {
  const { state, format, createdAt, finishedAt, error } = record
  return { id, state, format, createdAt, finishedAt, error }
}

/**
 * Reads a stream's record, first ending it if its producer's lease ran out (or its end event
 * never came), so that whoever looks sees it `failed` rather than running forever.
 */
export async function observe(
  store: Ending['store'],
  watch: LeaseWatch,
  id: string,
): Promise<StoredStream | undefined> {
  const record = await store.get(id)
  if (record === undefined || record.endId !== undefined) return record
  const due = await watch.check(id)
  return due === undefined || record.state === 'running' ? store.get(id) : record
}

/**
 * Asks a running stream's producer to stop, wherever it runs, and waits until the stream has
 * ended. A producer that does not answer within two leases is dead: the stream is ended
 * `stopped` here.
 */
export async function stopAndWait(
  ending: Ending,
  lease: number,
  id: string,
): Promise<StoredStream | undefined> {
  const { store } = ending
  let record = await store.get(id)
  if (record?.state !== 'running') return record
  await store.requestStop(id)
  const deadline = Date.now() + 2 * lease
  for (let wait = 10; Date.now() < deadline; wait = Math.min(wait * 2, 250)) {
    await pause(wait)
    record = await store.get(id)
    if (record?.state !== 'running') return record
  }
  const now = Date.now()
  await endStream(ending, id, record.format, 'stopped', { expiredBy: now })
  return store.get(id)
}
