import { channelContract } from '../../src/contract/index.ts'
import { createChannel, RingBufferStore } from '../../src/index.ts'

channelContract({
  name: 'memory',
  history: 20,
  create: (options) => createChannel({ ...options, store: new RingBufferStore({ capacity: 20 }) }),
})
