import { ID_MARKER } from '../event-queue.ts'
import { EventStreamImpl } from '../event-stream.ts'
import type { EventsInit, RetryInfo } from '../options.ts'
import { type EventsInput, RequestFactory } from '../request.ts'
import type { Settings } from '../settings.ts'
import type { ServerEvent } from '../types.ts'
import { advance, type Cursor, type SharedMessage } from './messages.ts'

/** What the tab that leads does with what its connection brings. @internal */
export interface LeaderHost {
  /** Ends when the tab's own iteration does: the connection closes with it. */
  readonly stop: AbortSignal
  /** An event for this tab's own iterator; every other tab gets it through `post`. */
  accept(event: ServerEvent, cursor: Cursor): void
  /** An `id:`-only block moved the stream's cursor. */
  moved(cursor: Cursor): void
  post(message: SharedMessage): void
  /** The tab's own `onOpen` and `onRetry` (which may throw to stop). */
  opened(attempt: number): void
  retried(info: RetryInfo): void
}

/**
 * The one connection of a shared stream, held by the tab whose lock was granted. It resumes from
 * the tab's cursor, the last event any tab was handed (they all receive the same), and hands every
 * event to its own tab and, over the channel, to the others.
 * @internal
 */
export class Leader {
  /** Where the stream stands: the last event (or `id:`-only block) the server sent. */
  cursor: Cursor
  /** The attempt whose connection is open, or `null` between connections. */
  attempt: number | null = null
  readonly #stream: EventStreamImpl<ServerEvent>
  readonly #host: LeaderHost

  constructor(
    input: EventsInput,
    init: EventsInit,
    settings: Settings,
    from: Cursor,
    host: LeaderHost,
  ) {
    this.cursor = from
    this.#host = host
    const own: EventsInit = {
      ...init,
      signal: host.stop,
      lastEventId: from.id,
      onOpen: ({ attempt }) => {
        this.attempt = attempt
        host.post({ type: 'open', attempt })
        host.opened(attempt)
      },
      onRetry: (info) => {
        this.attempt = null
        postRetry(host, info)
        host.retried(info)
      },
    }
    const shared = { ...settings, json: false, markIds: true }
    this.#stream = new EventStreamImpl(new RequestFactory(input, own), own, shared)
  }

  /**
   * Reads until the tab's iteration ends (`'left'`: another tab takes over) or the server says
   * stop (`'stopped'`). Throws what ends the connection for good (a 401, say): the tab's
   * iteration ends with it, and another tab tries for itself.
   */
  async run(): Promise<'left' | 'stopped'> {
    try {
      for (;;) {
        const step = await this.#stream.next()
        if (step.done) return this.#host.stop.aborted ? 'left' : 'stopped'
        this.#hand(step.value)
      }
    } finally {
      await this.#stream.return()
    }
  }

  #hand(event: ServerEvent): void {
    if (ID_MARKER in event) {
      if (event.id === this.cursor.id) return
      this.cursor = { id: event.id, ord: -1 }
      this.#host.moved(this.cursor)
      this.#host.post({ type: 'id', id: event.id })
      return
    }
    this.cursor = advance(this.cursor, event.id)
    this.#host.accept(event, this.cursor)
    this.#host.post({ type: 'event', event, cursor: this.cursor })
  }
}

// The error is sent as a copy where it clones (most do), else left out.
function postRetry(host: LeaderHost, info: RetryInfo): void {
  try {
    host.post({ type: 'retry', info })
  } catch {
    host.post({ type: 'retry', info: { ...info, error: undefined } })
  }
}
