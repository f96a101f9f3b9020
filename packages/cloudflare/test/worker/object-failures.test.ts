import { env } from 'cloudflare:workers'
import { ChannelUnavailableError } from '@ssekit/channel'
import type { CloseReason } from '@ssekit/core'
import { describe, expect, it } from 'vitest'
import { eventsRequest, freshChannel, ids, objectOf, open, publishAll } from './helpers.ts'

const GAP = 'ssekit-gap'

/** What a publish rejected with, to look at. */
async function rejection(publishing: Promise<string>): Promise<ChannelUnavailableError> {
  const error = await publishing.then(
    (id) => new Error(`published as ${id}`),
    (error: unknown) => error,
  )
  expect(error).toBeInstanceOf(ChannelUnavailableError)
  return error as ChannelUnavailableError
}

describe('createDurableChannel().publish() when its object fails', () => {
  it('an error in the object’s code rejects with ChannelUnavailableError, its text only in `cause`', async () => {
    const channel = freshChannel(env.FRAGILE, { retryAfterReset: 1500 })
    await channel.publish({ data: 'fine' })
    await objectOf(channel, env.FRAGILE).fail('append')
    const error = await rejection(channel.publish({ data: 'lost' }))
    // 1.5 s, in the whole seconds of a Retry-After header.
    expect(error.retryAfter).toBe(2)
    expect(error.sent).toBe(true)
    expect(error.message).toBe(
      "Cannot publish: the call to the channel's Durable Object failed; the event may have been stored",
    )
    expect((error.cause as Error).message).toContain('The disk is on fire')
    expect(channel.stats.published).toBe(1)
  })

  it('a reset during the append rejects with ChannelUnavailableError; the next publish continues the IDs', async () => {
    const channel = freshChannel(env.FRAGILE)
    expect(await publishAll(channel, ['1', '2'])).toEqual(['1', '2'])
    await objectOf(channel, env.FRAGILE).resetOnAppend()
    const error = await rejection(channel.publish({ data: 'lost' }))
    expect(error.retryAfter).toBe(1)
    expect(error.message).toBe(
      "Cannot publish: the channel's Durable Object was reset; the event may have been stored",
    )
    // A new instance, from SQLite: the counter went on, nothing was reused.
    expect(await channel.publish({ data: '3' })).toBe('3')
  })
})

describe('createDurableChannel().subscribe() when its object fails', () => {
  it('a reset (ctx.abort) ends each stream with the retry hint; the client resumes exactly', async () => {
    const channel = freshChannel(env.FRAGILE, { retryAfterReset: 2345 })
    const closes: CloseReason[] = []
    const streams = await Promise.all(
      [1, 2].map(() =>
        open(channel.subscribe(eventsRequest(), { onClose: (reason) => closes.push(reason) })),
      ),
    )
    const [before] = await publishAll(channel, ['before'])
    for (const stream of streams) await stream.waitForEvents(1)
    // The caller of abort() is in flight on the object as it resets: its call fails too.
    await objectOf(channel, env.FRAGILE)
      .abort('a deploy')
      .catch(() => {})
    for (const stream of streams) {
      // readToEnd() throws if the body errors: the end is clean.
      await stream.readToEnd()
      expect(stream.retries).toEqual([2345])
      expect(ids(stream)).toEqual([before])
    }
    expect(closes).toEqual(['server', 'server'])
    expect(channel.size).toBe(0)
    const missed = await publishAll(channel, ['while away 1', 'while away 2'])
    const back = await open(channel.subscribe(eventsRequest(before)))
    await back.waitForEvents(2)
    expect(ids(back)).toEqual(missed)
    await back.cancel()
  })

  it('a replay the object fails to read ends the stream with the retry hint, not a gap', async () => {
    const channel = freshChannel(env.FRAGILE, { retryAfterReset: 800 })
    const [first, ...rest] = await publishAll(channel, ['1', '2', '3'])
    await objectOf(channel, env.FRAGILE).fail('read')
    const failed = await open(channel.subscribe(eventsRequest(first)))
    await failed.readToEnd()
    expect(failed.retries).toEqual([800])
    expect(failed.events).toEqual([])
    expect(channel.size).toBe(0)
    // Reset, the object reads again, and the same Last-Event-ID gets what it missed: no gap.
    await objectOf(channel, env.FRAGILE)
      .abort('repair')
      .catch(() => {})
    const again = await open(channel.subscribe(eventsRequest(first)))
    await again.waitForEvents(2)
    expect(ids(again)).toEqual(rest)
    expect(again.events.some((event) => event.event === GAP)).toBe(false)
    await again.cancel()
  })
})
