import type { RedisReply } from './adapter.ts'

/**
 * One stream entry as the channel stores it: its ID, the encoded event without `id:` (field
 * `e`), and the publish's W3C `traceparent` when it was traced (field `t`).
 */
export interface Entry {
  readonly id: string
  readonly body: string
  readonly traceparent?: string | undefined
}

/** The entries of an XRANGE or XREAD reply, `[[id, [field, value, …]], …]`, field `e` read. */
export function entriesOf(reply: RedisReply): Entry[] {
  if (!Array.isArray(reply)) return []
  const entries: Entry[] = []
  for (const raw of reply as RedisReply[]) {
    const [id, fields] = raw as [string, RedisReply[] | null]
    // An entry whose fields are gone (XDEL under a pending read) or that is not ours is skipped.
    if (!Array.isArray(fields)) continue
    const at = fields.indexOf('e')
    if (at >= 0 && at % 2 === 0 && typeof fields[at + 1] === 'string') {
      const trace = fields.indexOf('t')
      const traceparent = trace >= 0 && trace % 2 === 0 ? fields[trace + 1] : undefined
      entries.push({
        id,
        body: fields[at + 1] as string,
        traceparent: typeof traceparent === 'string' ? traceparent : undefined,
      })
    }
  }
  return entries
}
