import { fileURLToPath } from 'node:url'
import { freePort, type RunningServer } from '@ssekit/testkit'
import { parseResult } from '../child-io.ts'
import { runChild } from '../child-process.ts'
import { type Part, RUNTIMES } from '../part.ts'
import { writePart } from '../results.ts'
import type { RuntimeName } from '../runtime.ts'
import { raiseOpenFiles, runtimeCommand } from '../runtime-command.ts'
import { serverVersion, startRuntimeServer } from '../socket/runtime-server.ts'
import type { FanoutContender } from './event.ts'
import { type FanoutProfile, profileFanout } from './profile.ts'
import type { FanoutLoadConfig, FanoutLoadReport, FanoutStep, SocketFanoutRun } from './types.ts'

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url))
const CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url))
// `ssekit-direct` (directWrite()) and `hand-web` (the hand-written broadcast through the fetch
// adapter) differ from `ssekit` and `hand` only on Node.
const CONTENDERS: Record<RuntimeName, readonly FanoutContender[]> = {
  node: ['ssekit', 'ssekit-direct', 'hono', 'hand', 'hand-web'],
  bun: ['ssekit', 'hono', 'hand'],
  deno: ['ssekit', 'hono', 'hand'],
}

/** What a run of the part measures. */
export interface SocketFanoutPlan {
  steps: FanoutStep[]
  sampled: number
  /** What each Node server does under `--cpu-prof`. */
  profile: FanoutStep
}

/** The data the report reads. */
export interface SocketFanoutData {
  plan: SocketFanoutPlan
  runs: SocketFanoutRun[]
  profiles: FanoutProfile[]
}

const paced = { latencyEvents: 40, intervalMs: 100 }
const FULL: SocketFanoutPlan = {
  steps: [
    { subscribers: 1000, rounds: 3, ...paced, burstEvents: 200 },
    { subscribers: 5000, rounds: 3, ...paced, burstEvents: 100 },
    { subscribers: 10_000, rounds: 3, ...paced, burstEvents: 50 },
  ],
  sampled: 8,
  profile: { subscribers: 1000, rounds: 2, latencyEvents: 0, intervalMs: 100, burstEvents: 200 },
}
const SMOKE: SocketFanoutPlan = {
  steps: [{ subscribers: 20, rounds: 1, latencyEvents: 3, intervalMs: 20, burstEvents: 10 }],
  sampled: 2,
  profile: { subscribers: 10, rounds: 1, latencyEvents: 0, intervalMs: 20, burstEvents: 5 },
}

/**
 * Fan-out to real sockets: per runtime, one server process per contender (each with its own CPU
 * clock), all up at once, and one load client process holding every subscriber's socket, which
 * interleaves the contenders round by round.
 */
export const socketFanoutPart: Part = {
  name: 'socket-fanout',
  async run({ smoke, outDir, log }) {
    const plan = smoke ? SMOKE : FULL
    const picked = process.env.BENCH_RUNTIMES?.split(',')
    const sizes = process.env.BENCH_SIZES?.split(',').map(Number)
    const steps = plan.steps.filter((step) => !sizes || sizes.includes(step.subscribers))
    const runs: SocketFanoutRun[] = []
    for (const runtime of RUNTIMES.filter((name) => !picked || picked.includes(name))) {
      log(`socket-fanout: ${runtime}`)
      const run = await measureRuntime(runtime, { ...plan, steps }, smoke, log)
      runs.push(run)
    }
    log('socket-fanout: node --cpu-prof')
    const profiles: FanoutProfile[] = []
    for (const contender of ['ssekit', 'ssekit-direct', 'hand', 'hand-web'] as const) {
      profiles.push(await profileFanout(SERVER, CLIENT, contender, plan.profile))
    }
    await writePart(outDir, 'socket-fanout', { plan, runs, profiles }, smoke)
    const broken = runs.flatMap((run) => run.rounds.filter((round) => round.error))
    if (smoke && broken.length > 0) {
      throw new Error(
        `socket-fanout: ${broken.map((round) => `${round.contender}: ${round.error}`).join('; ')}`,
      )
    }
  },
}

async function measureRuntime(
  runtime: RuntimeName,
  plan: SocketFanoutPlan,
  smoke: boolean,
  log: (message: string) => void,
): Promise<SocketFanoutRun> {
  const servers: RunningServer[] = []
  try {
    const targets: FanoutLoadConfig['targets'] = []
    for (const contender of CONTENDERS[runtime]) {
      const controlPort = await freePort()
      const server = await startRuntimeServer({
        runtime,
        entry: SERVER,
        env: { SERVER_KIND: contender, CONTROL_PORT: String(controlPort) },
        manyFiles: true,
      })
      servers.push(server)
      targets.push({ contender, port: server.port, controlPort })
    }
    const version = await serverVersion(servers[0] as RunningServer)
    const config: FanoutLoadConfig = { targets, steps: plan.steps, sampled: plan.sampled }
    const { stdout } = await runChild(raiseOpenFiles(runtimeCommand('node', CLIENT)), {
      env: { BENCH_CONFIG: JSON.stringify(config) },
      timeoutMs: smoke ? 60_000 : 3_600_000,
    })
    for (const line of stdout.split('\n'))
      if (line.startsWith('@@round ')) log(`  ${line.slice(8)}`)
    return { runtime, version, ...parseResult<FanoutLoadReport>(stdout) }
  } finally {
    for (const server of servers) await server.stop()
  }
}
