import { DEFAULT_TOPIC, type PublishOptions } from './options.ts'

/**
 * The checks every backend's `publish()` makes before it encodes: the channel is open, the
 * message has no `id` (the channel assigns it), and the topic is a string.
 *
 * @param message The message as given.
 * @param options The publish options as given.
 * @param closed Whether the channel is closed.
 * @returns The topic to publish to.
 * @throws {TypeError} The message is not an object or has an `id`, or the topic is not a string.
 * @throws {Error} The channel is closed.
 *
 * @example The start of a backend's publish
 * ```ts
 * import { checkPublish } from '@ssekit/channel/backend'
 * const topic = checkPublish({ data: 'hi' }, { topic: 'room-1' }, false)
 * return new Response(topic)
 * ```
 */
export function checkPublish(
  message: unknown,
  options: PublishOptions | undefined,
  closed: boolean,
): string {
  if (closed) throw new Error('Cannot publish: the channel is closed')
  const topic = options?.topic ?? DEFAULT_TOPIC
  if (typeof topic !== 'string') throw new TypeError('Cannot publish: `topic` must be a string')
  if (typeof message !== 'object' || message === null) {
    throw new TypeError('Cannot publish: the message must be an object')
  }
  if ((message as { id?: unknown }).id !== undefined) {
    throw new TypeError('Cannot publish message: `id` is assigned by the channel; leave it out')
  }
  return topic
}
