import { env } from 'cloudflare:workers'
import { channelContract } from '@ssekit/channel/contract'
import { createDurableChannel } from '../../src/index.ts'
import { CONTRACT_HISTORY } from './contract-history.ts'

// The suite the in-memory and Redis channels pass, on real Durable Objects: each test's channel
// is an object of its own (a new name), which keeps exactly CONTRACT_HISTORY events.
channelContract({
  name: 'durable object',
  history: CONTRACT_HISTORY,
  create: (options) => createDurableChannel(env.CONTRACT, crypto.randomUUID(), options),
})
