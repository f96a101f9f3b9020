import { type Cursor, keyOf } from './messages.ts'
import { RecentKeys } from './recent-keys.ts'

// Keys kept to drop repeats: far more than a hand-off can bring twice.
const RECENT_KEYS = 1024

/**
 * Where one tab stands in a shared stream: the cursor after the last event it was handed (where
 * it resumes from, should it lead), and the keys of the events before, to drop repeats.
 * @internal
 */
export class Position {
  cursor: Cursor
  readonly #seen = new RecentKeys(RECENT_KEYS)
  // Nothing handed yet: the leader's answer to a hello tells where the stream stands.
  #fresh = true

  constructor(lastEventId: string) {
    this.cursor = { id: lastEventId, ord: 0 }
  }

  /** Moves past the event `cursor` ends at; false if this tab was handed it already. */
  admit(cursor: Cursor): boolean {
    const key = keyOf(cursor)
    if (key !== undefined) {
      if (this.#seen.has(key)) return false
      this.#seen.add(key)
    }
    this.move(cursor)
    return true
  }

  /** An `id:`-only block, or an event this tab read itself. */
  move(cursor: Cursor): void {
    this.cursor = cursor
    this.#fresh = false
  }

  /** The leader says where the stream stands: taken only by a tab handed nothing yet. */
  adopt(cursor: Cursor): void {
    if (this.#fresh) this.cursor = cursor
  }
}
