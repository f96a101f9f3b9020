import type fc from 'fast-check'
import {
  type ReplayBatch,
  type ReplayStore,
  RingBufferStore,
  type StoredEvent,
} from '../../src/index.ts'

/**
 * An async store like Redis used over two connections, one for writes and one for reads: appends
 * take effect in the order they were sent, reads whenever they arrive, each at a moment
 * fast-check's scheduler picks. So a read may miss an append sent before it, or see one sent
 * after it: the two races the channel must absorb at the replay/live boundary.
 */
export class ScheduledStore implements ReplayStore {
  readonly #inner: RingBufferStore
  readonly #scheduler: fc.Scheduler
  readonly #queue: (() => void)[] = []

  constructor(scheduler: fc.Scheduler, capacity = 10_000) {
    this.#scheduler = scheduler
    this.#inner = new RingBufferStore({ capacity })
  }

  append(event: StoredEvent): Promise<void> {
    return this.#run(() => this.#inner.append(event), `append ${event.id}`)
  }

  readAfter(id: string): Promise<ReplayBatch> {
    return this.#scheduler
      .schedule(Promise.resolve(), `readAfter ${id}`)
      .then(() => this.#inner.readAfter(id))
  }

  #run(operation: () => void, label: string): Promise<void> {
    let done = false
    this.#queue.push(() => {
      operation()
      done = true
    })
    return this.#scheduler.schedule(Promise.resolve(), label).then(() => {
      // Appends sent before this one take effect first, like a pipelined connection.
      while (!done) this.#queue.shift()?.()
    })
  }
}
