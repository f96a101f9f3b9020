import { createResumableStreams } from '../../src/index.ts'
import { resumableContract } from '../harness/contract.ts'

resumableContract('memory', async (ttl) => {
  const streams = createResumableStreams({ ttl, lease: 1000 })
  return { producer: streams, reader: streams, close: () => streams.close() }
})
