import type { StreamContender } from './apps.ts'
import type { StreamServerKind } from './server.ts'
import type { StreamLoadConfig } from './types.ts'

/** What a run of the part measures: the load client's rounds and the profiled streams. */
export interface SocketStreamPlan {
  load: Omit<StreamLoadConfig, 'targets'>
  /** Streams of small JSON events streamed under `node --cpu-prof`, per profiled contender. */
  profileStreams: number
}

/** Contenders that only differ from another off Node: `directWrite()` acts under Node alone. */
export const NODE_ONLY: readonly StreamContender[] = ['ssekit-direct']

/** Which server process serves each contender. */
export const SERVER_OF: Readonly<Record<StreamContender, StreamServerKind>> = {
  ssekit: 'hono-app',
  'ssekit-direct': 'hono-app',
  'ssekit-ready': 'hono-app',
  hono: 'hono-app',
  h3: 'h3',
  hand: 'hand',
}

export const FULL: SocketStreamPlan = {
  load: {
    counts: { 'small-json': 200_000, 'data-1kb': 50_000 },
    rounds: 9,
    warmup: 2,
    verifyCount: 300,
  },
  profileStreams: 8,
}

export const SMOKE: SocketStreamPlan = {
  load: { counts: { 'small-json': 500, 'data-1kb': 100 }, rounds: 1, warmup: 0, verifyCount: 50 },
  profileStreams: 1,
}
