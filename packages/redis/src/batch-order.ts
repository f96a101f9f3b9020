import { compareTimeOrderedIds } from '@ssekit/channel/backend'
import type { RedisReply } from './adapter.ts'
import { entriesOf } from './entries.ts'

/** One entry of an XREAD reply, with its stream. */
export interface StreamEntry {
  readonly stream: string
  readonly id: string
  readonly body: string
  readonly traceparent?: string | undefined
}

/**
 * The entries of one `XREAD COUNT <count>` reply, `[[stream, entries], …]`, merged into ID order
 * across streams. A stream that filled its COUNT may hold more entries, older than another
 * stream's newest: only what is at or below the lowest such cut is returned, and the rest is read
 * again next time (the positions only move past what was returned).
 */
export function inStreamOrder(reply: RedisReply, count: number): StreamEntry[] {
  if (!Array.isArray(reply)) return []
  let horizon: string | undefined
  const all: StreamEntry[] = []
  for (const [stream, raw] of reply as [string, RedisReply][]) {
    const entries = entriesOf(raw)
    const last = entries.at(-1)
    if (entries.length >= count && last !== undefined) {
      if (horizon === undefined || compareTimeOrderedIds(last.id, horizon) < 0) horizon = last.id
    }
    for (const entry of entries) all.push({ stream, ...entry })
  }
  const due =
    horizon === undefined
      ? all
      : all.filter((entry) => compareTimeOrderedIds(entry.id, horizon) <= 0)
  return due.sort((a, b) => compareTimeOrderedIds(a.id, b.id))
}
