import type { RetryInfo } from '../options.ts'
import type { ServerEvent } from '../types.ts'

/**
 * What the tabs sharing a stream tell each other over their `BroadcastChannel`. Only the leader,
 * the tab that holds the connection, sends events; every tab may ask for the state.
 * @internal
 */
export type SharedMessage =
  /** One event from the server, and the cursor after it, whose key tells repeats apart. */
  | { readonly type: 'event'; readonly event: ServerEvent; readonly cursor: Cursor }
  /** An `id:`-only block: the ID to resume from changed without an event (a channel's anchor). */
  | { readonly type: 'id'; readonly id: string }
  /** A tab that joins asks the leader where the stream stands. */
  | { readonly type: 'hello' }
  /** The leader's answer: where the stream stands, and its open connection's attempt, if open. */
  | { readonly type: 'state'; readonly cursor: Cursor; readonly attempt: number | null }
  /** The leader's connection opened. */
  | { readonly type: 'open'; readonly attempt: number }
  /** The leader's connection failed and will come back; `error` is a copy, when it clones. */
  | { readonly type: 'retry'; readonly info: RetryInfo }
  /** The server said stop (204): every tab's iteration ends quietly. */
  | { readonly type: 'end' }

/**
 * Where a stream stands: the ID in effect, and how many events carried it after the first (an
 * event without an `id:` keeps the last one). The two make each event's key.
 * @internal
 */
export interface Cursor {
  readonly id: string
  readonly ord: number
}

/** The cursor after the next event, which carries `id` (its own, or the one in effect). @internal */
export function advance(cursor: Cursor, id: string): Cursor {
  return { id, ord: id === cursor.id ? cursor.ord + 1 : 0 }
}

/**
 * An event's key, from the cursor after it: the same in every tab, whoever read it from the
 * server. `undefined` for events before any ID, which cannot be told apart.
 * @internal
 */
export function keyOf(cursor: Cursor): string | undefined {
  return cursor.id === '' ? undefined : `${cursor.ord} ${cursor.id}`
}
