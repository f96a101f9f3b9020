import { env } from 'cloudflare:workers'
import { durableStore } from '../../src/cloudflare/index.ts'
import { createResumableStreams } from '../../src/index.ts'
import { resumableContract } from '../harness/contract.ts'

// Producers in the Worker (as the drop-in's makeStream), events and records in Durable Objects.
// Two instances: each its own streams object over the same namespace, as two isolates.
resumableContract('Durable Objects, with producers in the Worker', async (ttl) => {
  const producer = createResumableStreams({ store: durableStore(env.STREAMS), ttl, lease: 1000 })
  const reader = createResumableStreams({ store: durableStore(env.STREAMS), ttl, lease: 1000 })
  return {
    producer,
    reader,
    close: async () => {
      await producer.close()
      await reader.close()
    },
  }
})
