import type { ClaimCondition, StoredStream } from './store.ts'

/** Whether a claim's condition holds for this record now: the rule every store applies. */
export function holds(record: StoredStream, condition: ClaimCondition): boolean {
  if ('owner' in condition) return record.state === 'running' && record.owner === condition.owner
  if ('expiredBy' in condition) {
    return record.state === 'running' && record.leaseUntil < condition.expiredBy
  }
  return (
    record.state !== 'running' &&
    record.endId === undefined &&
    record.finishedAt === condition.unendedSince
  )
}
