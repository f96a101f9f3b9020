import { settleTurns } from '@ssekit/testkit/event-stream'
import { expect, test } from 'vitest'
import { createChannel } from '../../src/index.ts'
import { subscribeHolding } from '../../src/subscribe-holding.ts'
import { eventsRequest } from './requests.ts'

test('subscribeHolding() releases once when the subscriber leaves, then runs its onClose', async () => {
  const channel = createChannel()
  const calls: string[] = []
  const response = await subscribeHolding(
    { onClose: (reason) => calls.push(`onClose:${reason}`) },
    () => calls.push('release'),
    (held) => channel.subscribe(eventsRequest(), held),
  )
  await settleTurns()
  expect(calls).toEqual([])
  await response.body?.cancel()
  await settleTurns()
  expect(calls).toEqual(['release', 'onClose:client'])
  await channel.close()
  expect(calls).toEqual(['release', 'onClose:client'])
})

test('subscribeHolding() releases at once when subscribing fails, and rethrows', async () => {
  const calls: string[] = []
  const failure = new Error('unreachable')
  const subscribing = subscribeHolding(
    {},
    () => calls.push('release'),
    () => Promise.reject(failure),
  )
  await expect(subscribing).rejects.toBe(failure)
  expect(calls).toEqual(['release'])
})
