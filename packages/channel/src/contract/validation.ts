import { expect, it } from 'vitest'
import type { ChannelMessage } from '../channel.ts'
import type { SubscribeOptions } from '../options.ts'
import { type ContractContext, eventsRequest } from './context.ts'

type Invalid<T> = [what: string, value: T, error: ErrorConstructor]

const BAD_MESSAGES: Invalid<unknown>[] = [
  ['an event name with LF', { event: 'a\nb', data: 'x' }, SyntaxError],
  ['an event name with CR', { event: 'a\rb', data: 'x' }, SyntaxError],
  ['an id', { id: '7', data: 'x' }, TypeError],
  ['a negative retry', { retry: -1 }, RangeError],
  ['a fractional retry', { retry: 1.5 }, RangeError],
  ['data JSON cannot hold', { data: 1n }, TypeError],
  ['a comment that is not a string', { comment: 5 }, TypeError],
  ['no field at all', {}, TypeError],
  ['a message that is not an object', 'hello', TypeError],
]

const BAD_OPTIONS: Invalid<SubscribeOptions>[] = [
  ['maxBuffered 0', { maxBuffered: 0 }, RangeError],
  ['an unknown slowConsumer', { slowConsumer: 'ignore' as 'disconnect' }, TypeError],
  ['no topic', { topics: [] }, RangeError],
  ['a topic that is not a string', { topics: [7 as unknown as string] }, TypeError],
  ['heartbeat 0', { heartbeat: 0 }, RangeError],
  ['a negative retry', { retry: -5 }, RangeError],
  ['an initialEvent with an id', { initialEvent: { id: 'x' } as never }, TypeError],
  ['an initialEvent with CR in its name', { initialEvent: { event: 'a\rb' } }, SyntaxError],
  ['an empty closeAfter', { closeAfter: '' }, TypeError],
  ['a closeAfter with LF', { closeAfter: 'a\nb' }, SyntaxError],
]

/** Bad input is refused with a typed error, as a rejection, and changes nothing. */
export function validationCases(t: ContractContext): void {
  it('rejects a bad message with a typed error, stores nothing and carries on', async () => {
    const channel = await t.channel()
    const client = await t.subscribe(channel)
    const first = await channel.publish({ data: 'ok' })
    for (const [what, message, error] of BAD_MESSAGES) {
      const publishing = channel.publish(message as ChannelMessage)
      await expect(publishing, what).rejects.toThrow(error)
    }
    await expect(channel.publish({ data: 'x' }, { topic: 5 as never })).rejects.toThrow(TypeError)
    await channel.publish({ data: 'still ok' })
    expect(await client.dataCount(2)).toEqual(['ok', 'still ok'])
    const resumed = await t.subscribe(channel, { lastEventId: first })
    expect(await resumed.dataCount(1)).toEqual(['still ok'])
    expect(channel.stats.published).toBe(2)
  })

  it('rejects bad subscribe options with a typed error naming the option, and opens nothing', async () => {
    const channel = await t.channel()
    for (const [what, options, error] of BAD_OPTIONS) {
      const subscribing = channel.subscribe(eventsRequest(), options)
      await expect(subscribing, what).rejects.toThrow(error)
      await expect(channel.subscribe(eventsRequest(), options), what).rejects.toThrow(
        /^Cannot (subscribe|open the stream): option `/,
      )
    }
    expect(channel.size).toBe(0)
  })
}
