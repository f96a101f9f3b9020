/**
 * The Worker beside the workerd tests: the channel object, and subclasses that keep less
 * history (or the contract suite's), publish while a subscriber connects, break on demand, or
 * cannot be reached.
 */
import type { LoggedBatch } from '../../src/event-log.ts'
import { type HistoryLimits, SSEChannelObject } from '../../src/index.ts'
import { CONTRACT_HISTORY } from './contract-history.ts'

export { SSEChannelObject }

/** Keeps the last 3 events. */
export class SmallChannel extends SSEChannelObject {
  protected override readonly history: HistoryLimits = { maxEvents: 3, maxAge: 60_000 }
}

/** Keeps the last 20 events: the history the Channel contract suite is told of. */
export class ContractChannel extends SSEChannelObject {
  protected override readonly history: HistoryLimits = {
    maxEvents: CONTRACT_HISTORY,
    maxAge: 60_000,
  }
}

/** Keeps events for 100 ms. */
export class ShortLivedChannel extends SSEChannelObject {
  protected override readonly history: HistoryLimits = { maxEvents: 1000, maxAge: 100 }
}

/**
 * Appends events in the same turn as it accepts the next subscriber's socket: they reach the
 * socket live and are in SQLite before the subscriber's replay is read, so they arrive twice
 * unless the boundary is handled.
 */
export class RacingChannel extends SSEChannelObject {
  #raceNext: string[] = []

  /** On the next subscribe, append these right after the accept. */
  raceNextSubscribe(texts: string[]): void {
    this.#raceNext = texts
  }

  override fetch(request: Request): Response {
    const response = super.fetch(request)
    for (const text of this.#raceNext.splice(0)) this.append(`data: ${text}\n\n`, 'default')
    return response
  }
}

/** A racing channel that keeps the last 3 events, so the race can trim what the socket got. */
export class RacingSmallChannel extends RacingChannel {
  protected override readonly history: HistoryLimits = { maxEvents: 3, maxAge: 60_000 }
}

/** An object that fails every subscribe. */
export class BrokenChannel extends SSEChannelObject {
  override fetch(): Response {
    throw new Error('This object is broken')
  }
}

/**
 * An object a test can break: `abort()` resets it as a fatal error does, `fail()` makes its
 * appends or its reads throw (until it is reset), `resetOnAppend()` resets it in the next append.
 */
export class FragileChannel extends SSEChannelObject {
  #failing: 'append' | 'read' | 'reset' | undefined

  /** Resets the object now: its sockets close and calls in flight fail. */
  abort(reason: string): void {
    this.ctx.abort(reason)
  }

  /** From now on, every append (or replay read) throws an error of the object's own. */
  fail(what: 'append' | 'read'): void {
    this.#failing = what
  }

  /** The next append resets the object before it stores anything. */
  resetOnAppend(): void {
    this.#failing = 'reset'
  }

  override append(frame: string, topic: string): string {
    if (this.#failing === 'reset') this.ctx.abort('Reset in the middle of an append')
    if (this.#failing === 'append') throw new Error('The disk is on fire at /srv/object.ts:12')
    return super.append(frame, topic)
  }

  override readAfter(lastEventId: string, topics: string[]): LoggedBatch {
    if (this.#failing === 'read') throw new Error('The disk is on fire at /srv/object.ts:12')
    return super.readAfter(lastEventId, topics)
  }
}

/**
 * `POST /append?name=` hands `{frame, topic}` to that channel's object as it is, and answers
 * the ID or the error the object threw (its class and message), for tests from outside workerd.
 */
export default {
  async fetch(request, env) {
    const name = new URL(request.url).searchParams.get('name')
    if (request.method !== 'POST' || name === null)
      return new Response('Not found', { status: 404 })
    const { frame, topic } = (await request.json()) as { frame: string; topic: string }
    try {
      const id = await env.CHANNELS.get(env.CHANNELS.idFromName(name)).append(frame, topic)
      return Response.json({ id })
    } catch (error) {
      const { name: type, message } = error as Error
      return Response.json({ error: `${type}: ${message}` }, { status: 400 })
    }
  },
} satisfies ExportedHandler<Cloudflare.Env>
