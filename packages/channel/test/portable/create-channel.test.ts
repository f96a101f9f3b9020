import { describe, expect, it } from 'vitest'
import { createChannel } from '../../src/index.ts'

describe('createChannel() options', () => {
  it('refuses bad subscriber defaults when the channel is made, not at each subscribe', async () => {
    expect(() => createChannel({ retry: -1 })).toThrow(
      new RangeError(
        'Cannot create the channel: option `retry` must be a non-negative safe integer, got -1',
      ),
    )
    expect(() => createChannel({ heartbeat: 0 })).toThrow(
      /^Cannot create the channel: option `heartbeat`/,
    )
    expect(() => createChannel({ maxBuffered: 0 })).toThrow(
      /^Cannot create the channel: option `maxBuffered`/,
    )
    expect(() => createChannel({ slowConsumer: 'pause' as unknown as 'disconnect' })).toThrow(
      TypeError,
    )
  })
})
