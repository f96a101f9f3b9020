import { betterSse } from './better-sse.ts'
import type { Contender } from './contender.ts'
import { eventsourceEncoder } from './eventsource-encoder.ts'
import { h3 } from './h3.ts'
import { handChunked, handCoalesced } from './hand.ts'
import { hono } from './hono.ts'
import { ssekit, ssekitReady } from './ssekit.ts'

export type { Contender } from './contender.ts'

/** Every contender of the throughput part; the report's ratios divide by `hono` and by `hand-coalesced`. */
export const CONTENDERS: readonly Contender[] = [
  ssekit,
  ssekitReady,
  hono,
  h3,
  betterSse,
  eventsourceEncoder,
  handChunked,
  handCoalesced,
]
