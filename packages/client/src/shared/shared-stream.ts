import { parseJsonEvent } from '../json-event.ts'
import type { EventsInit, RetryInfo } from '../options.ts'
import type { EventsInput } from '../request.ts'
import type { Settings } from '../settings.ts'
import type { EventStream, ServerEvent } from '../types.ts'
import { Inbox } from './inbox.ts'
import { Leader } from './leader.ts'
import type { Cursor, SharedMessage } from './messages.ts'
import { Position } from './position.ts'
import type { SharedPlatform } from './support.ts'

const DONE: IteratorResult<never, undefined> = Object.freeze({ done: true, value: undefined })
const ignore = () => {}

/**
 * One tab's iterator over a shared stream. Every tab that reads the stream asks for its lock; the
 * one that holds it leads (see leader.ts), and the others follow over the `BroadcastChannel`.
 * When the leader's tab closes or crashes, the browser releases its lock and the next tab in line
 * leads, resuming from the last event it was handed; keys drop whatever comes twice.
 * @internal
 */
export class SharedEventStream<E> implements EventStream<E> {
  readonly #name: string
  readonly #platform: SharedPlatform
  readonly #input: EventsInput
  readonly #init: EventsInit
  readonly #settings: Settings
  // Aborts once, when this tab's iteration ends: the lock request or the connection goes with it.
  readonly #stop = new AbortController()
  readonly #inbox = new Inbox()
  #channel: BroadcastChannel | undefined
  #leader: Leader | undefined
  #leading: Promise<void> | undefined
  readonly #position: Position
  #lastTaken: string
  // A follower that heard the leader's connection is open.
  #following = false

  constructor(
    name: string,
    platform: SharedPlatform,
    input: EventsInput,
    init: EventsInit,
    settings: Settings,
  ) {
    this.#name = name
    this.#platform = platform
    this.#input = input
    this.#init = init
    this.#settings = settings
    this.#lastTaken = init.lastEventId ?? ''
    this.#position = new Position(this.#lastTaken)
    if (init.signal?.aborted) this.#finish()
    else init.signal?.addEventListener('abort', this.#onAbort, { once: true })
  }

  get lastEventId(): string {
    return this.#inbox.size > 0 ? this.#lastTaken : this.#position.cursor.id
  }

  [Symbol.asyncIterator](): EventStream<E> {
    return this
  }

  async next(): Promise<IteratorResult<E, undefined>> {
    this.#join()
    for (;;) {
      if (this.#inbox.size > 0) {
        try {
          return { done: false, value: this.#take() }
        } catch (error) {
          this.#finish()
          throw error
        }
      }
      if (this.#stop.signal.aborted) {
        const failure = this.#inbox.takeFailure()
        if (failure !== undefined) throw failure.error
        return DONE
      }
      await this.#inbox.changed()
    }
  }

  async return(): Promise<IteratorResult<E, undefined>> {
    this.#inbox.clear()
    this.#finish()
    await this.#leading
    return DONE
  }

  readonly #onAbort = (): void => this.#finish()

  // Nothing starts until the first next(), as with events().
  #join(): void {
    if (this.#channel !== undefined || this.#stop.signal.aborted) return
    const channel = new this.#platform.Channel(this.#name)
    channel.onmessage = ({ data }: MessageEvent<SharedMessage>) => this.#receive(data)
    this.#channel = channel
    channel.postMessage({ type: 'hello' } satisfies SharedMessage)
    const { signal } = this.#stop
    this.#leading = this.#platform.locks
      .request(this.#name, { signal }, () => this.#lead())
      .then(ignore, ignore)
  }

  // Runs while this tab holds the lock; the lock goes to the next tab when it settles.
  async #lead(): Promise<void> {
    // Messages the last leader sent before it went may still wait for this tab: a turn lets them
    // in, so the stream resumes from the last of them.
    await new Promise((resolve) => setTimeout(resolve, 0))
    if (this.#stop.signal.aborted) return
    const leader = new Leader(this.#input, this.#init, this.#settings, this.#position.cursor, {
      stop: this.#stop.signal,
      accept: (event, cursor) => this.#accept(event, cursor),
      moved: (cursor) => this.#position.move(cursor),
      post: (message) => this.#channel?.postMessage(message),
      opened: (attempt) => this.#init.onOpen?.({ attempt, connection: 'leader' }),
      retried: (info) => this.#init.onRetry?.(info),
    })
    this.#leader = leader
    try {
      if ((await leader.run()) === 'stopped') {
        this.#channel?.postMessage({ type: 'end' } satisfies SharedMessage)
        this.#finish()
      }
    } catch (error) {
      this.#finish(error)
    } finally {
      this.#leader = undefined
    }
  }

  #receive(message: SharedMessage): void {
    if (this.#stop.signal.aborted) return
    const leader = this.#leader
    switch (message.type) {
      case 'event':
        this.#accept(message.event, message.cursor)
        return
      case 'id':
        if (message.id !== this.#position.cursor.id)
          this.#position.move({ id: message.id, ord: -1 })
        return
      case 'hello':
        if (leader === undefined) return
        this.#channel?.postMessage({
          type: 'state',
          cursor: leader.cursor,
          attempt: leader.attempt,
        } satisfies SharedMessage)
        return
      case 'state':
        if (leader !== undefined) return
        this.#position.adopt(message.cursor)
        if (message.attempt !== null && !this.#following) this.#heardOpen(message.attempt)
        return
      case 'open':
        if (leader === undefined) this.#heardOpen(message.attempt)
        return
      case 'retry':
        if (leader === undefined) this.#heardRetry(message.info)
        return
      case 'end':
        this.#finish()
        return
    }
  }

  #accept(event: ServerEvent, cursor: Cursor): void {
    if (this.#position.admit(cursor)) this.#inbox.push(event)
  }

  #heardOpen(attempt: number): void {
    this.#following = true
    this.#init.onOpen?.({ attempt, connection: 'follower' })
  }

  #heardRetry(info: RetryInfo): void {
    this.#following = false
    try {
      this.#init.onRetry?.(info)
    } catch (error) {
      this.#finish(error)
    }
  }

  #take(): E {
    const event = this.#inbox.shift()
    this.#lastTaken = event.id
    return (this.#settings.json ? parseJsonEvent(event) : event) as E
  }

  // Ends this tab's iteration once: what waits is still handed out, then the error or the end.
  #finish(error?: unknown): void {
    if (this.#stop.signal.aborted) return
    if (error !== undefined) this.#inbox.fail(error)
    this.#stop.abort()
    this.#init.signal?.removeEventListener('abort', this.#onAbort)
    this.#channel?.close()
    this.#inbox.wake()
  }
}
