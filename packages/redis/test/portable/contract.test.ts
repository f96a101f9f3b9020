import { channelContract } from '@ssekit/channel/contract'
import { type RedisServer, startRedis } from '@ssekit/testkit'
import { afterAll, beforeAll } from 'vitest'
import { openChannel } from '../harness/channels.ts'

// The one Channel contract, on a real redis-server: each channel has a name of its own (so no
// two share events) and its own adapter (so its own reader), and keeps `history` per topic.
const history = 20
let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})

channelContract({
  name: 'redis',
  history,
  create: (options) => openChannel(redis, { ...options, maxLen: history }),
})
