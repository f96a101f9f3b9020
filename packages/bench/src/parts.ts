import { clientPart } from './client/part.ts'
import { connectionsPart } from './connections/part.ts'
import { drainPart } from './drain/part.ts'
import { durableObjectPart } from './durable-object/part.ts'
import { fanoutPart } from './fanout/part.ts'
import type { Part } from './harness/part.ts'
import { latencyPart } from './latency/part.ts'
import { redisPart } from './redis/part.ts'
import { resumablePart } from './resumable/part.ts'
import { socketFanoutPart } from './socket-fanout/part.ts'
import { socketStreamPart } from './socket-stream/part.ts'
import { throughputPart } from './throughput/part.ts'

/** Every part of `pnpm bench`, in the order they run; the report's targets follow it too. */
export const PARTS: readonly Part[] = [
  throughputPart,
  latencyPart,
  connectionsPart,
  fanoutPart,
  socketStreamPart,
  socketFanoutPart,
  clientPart,
  durableObjectPart,
  redisPart,
  resumablePart,
  drainPart,
]
