import { afterEach } from 'vitest'
import type { Channel } from '../channel.ts'
import type { SubscribeOptions, SubscriberDefaults } from '../options.ts'
import { TestClient } from './test-client.ts'

/**
 * A backend under the contract: how to make its channels, and what they keep.
 *
 * @example The in-memory backend
 * ```ts
 * import { createChannel, RingBufferStore } from '@ssekit/channel'
 * import type { ContractBackend } from '@ssekit/channel/contract'
 * const memory: ContractBackend = {
 *   name: 'memory',
 *   history: 50,
 *   create: (options) => createChannel({ ...options, store: new RingBufferStore({ capacity: 50 }) }),
 * }
 * return new Response(memory.name)
 * ```
 */
export interface ContractBackend {
  /** Names the backend in the suite's title. */
  name: string
  /**
   * Makes a new, empty channel that shares no events with any other it made, with these
   * subscriber defaults. The suite closes it after each test.
   */
  create(options: SubscriberDefaults): Channel | Promise<Channel>
  /**
   * How many of a topic's newest events its channels keep for replay, at least 20. The suite
   * publishes well past it to see an ID expire (Redis's `MAXLEN ~` keeps a little more).
   */
  history: number
  /**
   * How long a read may wait for a byte before the test fails, in milliseconds.
   * @defaultValue 5000
   */
  timeoutMs?: number | undefined
}

/** What every case of the suite works with. */
export interface ContractContext {
  /** A new channel with heartbeats off (unless the options turn them on), closed after the test. */
  channel(options?: SubscriberDefaults): Promise<Channel>
  /** Subscribes and reads as a browser does: as fast as bytes come, unless told otherwise. */
  subscribe(
    channel: Channel,
    init?: {
      lastEventId?: string | undefined
      options?: SubscribeOptions | undefined
      /** `false` for a client that reads only while the test waits on it. @defaultValue true */
      follow?: boolean | undefined
    },
  ): Promise<TestClient>
  /** Waits until `done()` holds, polling; fails naming `what` after the timeout. */
  waitFor(done: () => boolean, what: string): Promise<void>
  readonly history: number
  readonly timeoutMs: number
}

/** A subscribe request, resuming after `lastEventId` when given. */
export function eventsRequest(lastEventId?: string, method = 'GET'): Request {
  const headers: Record<string, string> =
    lastEventId === undefined ? {} : { 'last-event-id': lastEventId }
  return new Request('http://contract.test/events', { method, headers })
}

/** The context for one backend; registers the cleanup of what its tests open. */
export function contractContext(backend: ContractBackend): ContractContext {
  const timeoutMs = backend.timeoutMs ?? 5000
  const open: Channel[] = []
  const clients: TestClient[] = []
  afterEach(async () => {
    // Every body is cancelled: an unconsumed body outlives its test (and, under the Workers
    // test pool, breaks the isolation of storage between test files).
    await Promise.all(clients.splice(0).map((client) => client.leave().catch(() => {})))
    await Promise.all(open.splice(0).map((channel) => channel.close()))
  })
  const waitFor = async (done: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + timeoutMs
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
  return {
    history: backend.history,
    timeoutMs,
    waitFor,
    async channel(options = {}) {
      const channel = await backend.create({ heartbeat: false, ...options })
      open.push(channel)
      return channel
    },
    async subscribe(channel, init = {}) {
      const response = await channel.subscribe(eventsRequest(init.lastEventId), init.options)
      const client = new TestClient(response, timeoutMs, init.follow ?? true)
      clients.push(client)
      return client
    },
  }
}
