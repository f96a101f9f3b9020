import { type RedisServer, startRedis } from '@ssekit/testkit'
import fc from 'fast-check'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isResumableStreamId } from '../../src/stream-id.ts'

let redis: RedisServer
let client: Redis
beforeAll(async () => {
  redis = await startRedis()
  client = new Redis(redis.port, '127.0.0.1', { maxRetriesPerRequest: 0 })
  await client.xadd('ids', '*', 'e', 'x')
})
afterAll(async () => {
  client?.disconnect()
  await redis?.stop()
})

/** Whether Redis reads what follows `id`: an exclusive XRANGE start, as a replay asks. */
async function redisReadsAfter(id: string): Promise<boolean> {
  try {
    await client.call('XRANGE', 'ids', `(${id}`, '+', 'COUNT', '1')
    return true
  } catch {
    return false
  }
}

// Parts around 2^64: 1 to 22 digits, plain, so that 20-digit ones fall on both sides of it.
const digits = fc.stringMatching(/^(0|[1-9][0-9]{0,21})$/)
const edge = fc.constantFrom('18446744073709551615', '18446744073709551616', '0', '1')
const part = fc.oneof(digits, edge)

describe('isResumableStreamId()', () => {
  it('holds for an ID of plain digits exactly when Redis reads what follows it', async () => {
    await fc.assert(
      fc.asyncProperty(part, part, async (ms, seq) => {
        const id = `${ms}-${seq}`
        expect(isResumableStreamId(id)).toBe(await redisReadsAfter(id))
      }),
      { numRuns: 300 },
    )
  })

  it('never holds for a string Redis would refuse to read after', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 45 }), async (id) => {
        if (isResumableStreamId(id)) expect(await redisReadsAfter(id)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
