/**
 * The `Channel` contract as a test suite, for anyone who writes a backend: call
 * {@link channelContract} in a vitest test file with a factory of your channels, and it registers
 * the tests that the in-memory, Redis and Durable Object channels pass: publish and subscribe,
 * replay with no gap and no repeat, the gap event, topics, `HEAD`, `close()`, slow consumers,
 * `size`, and every validation error. Needs `vitest` and `eventsource-parser` installed.
 *
 * @module
 */
import { describe } from 'vitest'
import { type ContractBackend, contractContext } from './context.ts'
import { lifecycleCases } from './lifecycle.ts'
import { publishSubscribeCases } from './publish-subscribe.ts'
import { replayCases } from './replay.ts'
import { slowConsumerCases } from './slow-consumer.ts'
import { topicCases } from './topics.ts'
import { validationCases } from './validation.ts'

export type { ContractBackend } from './context.ts'

/**
 * Registers the `Channel` contract's tests for one backend, in a `describe` block named after it.
 *
 * @param backend How to make the backend's channels, and how much history they keep.
 *
 * @example The suite for the in-memory channel, in a vitest test file
 * ```ts
 * import { createChannel, RingBufferStore } from '@ssekit/channel'
 * import { channelContract } from '@ssekit/channel/contract'
 * channelContract({
 *   name: 'memory',
 *   history: 50,
 *   create: (options) => createChannel({ ...options, store: new RingBufferStore({ capacity: 50 }) }),
 * })
 * return new Response('registered')
 * ```
 */
export function channelContract(backend: ContractBackend): void {
  if (!(backend.history >= 20)) {
    throw new RangeError(
      `Cannot run the contract: \`history\` must be at least 20, got ${String(backend.history)}`,
    )
  }
  describe(`the Channel contract on ${backend.name}`, () => {
    const t = contractContext(backend)
    describe('publish and subscribe', () => publishSubscribeCases(t))
    describe('replay', () => replayCases(t))
    describe('topics', () => topicCases(t))
    describe('lifecycle', () => lifecycleCases(t))
    describe('slow consumers', () => slowConsumerCases(t))
    describe('validation', () => validationCases(t))
  })
}
