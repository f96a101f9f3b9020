import { fileURLToPath } from 'node:url'
import type { RunningServer } from '@ssekit/testkit'
import { parseResult } from '../child-io.ts'
import { runChild } from '../child-process.ts'
import { type Part, RUNTIMES } from '../part.ts'
import { writePart } from '../results.ts'
import type { RuntimeName } from '../runtime.ts'
import { runtimeCommand } from '../runtime-command.ts'
import { serverVersion, startRuntimeServer } from '../socket/runtime-server.ts'
import type { StreamContender } from './apps.ts'
import { FULL, NODE_ONLY, SERVER_OF, SMOKE, type SocketStreamPlan } from './plan.ts'
import { profileStreams, type StreamProfile } from './profile.ts'
import type { StreamServerKind } from './server.ts'
import type { SocketStreamRun, StreamLoadConfig, StreamLoadReport } from './types.ts'

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url))
const CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url))
const CONTENDERS = Object.keys(SERVER_OF) as StreamContender[]

/** The data the report reads. */
export interface SocketStreamData {
  plan: SocketStreamPlan
  runs: SocketStreamRun[]
  profiles: StreamProfile[]
}

/**
 * One stream over a real connection: per runtime, one server process per framework (so no
 * adapter's globals leak into another's), all up at once, and one load client process that
 * interleaves the contenders. Then, on Node, the ssekit and hand-written servers under
 * `--cpu-prof`, to show where each spends its time.
 */
export const socketStreamPart: Part = {
  name: 'socket-stream',
  async run({ smoke, outDir, log }) {
    const plan = smoke ? SMOKE : FULL
    const runs: SocketStreamRun[] = []
    // BENCH_RUNTIMES=node picks runtimes while working on the bench.
    const picked = process.env.BENCH_RUNTIMES?.split(',')
    for (const runtime of RUNTIMES.filter((name) => !picked || picked.includes(name))) {
      log(`socket-stream: ${runtime}`)
      runs.push(await measureRuntime(runtime, plan, smoke))
    }
    log('socket-stream: node --cpu-prof')
    const profiles: StreamProfile[] = []
    for (const contender of ['ssekit', 'ssekit-direct', 'hand'] as const) {
      profiles.push(await profileStreams(SERVER, CLIENT, contender, plan.profileStreams))
    }
    await writePart(outDir, 'socket-stream', { plan, runs, profiles }, smoke)
  },
}

async function measureRuntime(
  runtime: RuntimeName,
  plan: SocketStreamPlan,
  smoke: boolean,
): Promise<SocketStreamRun> {
  const servers = new Map<StreamServerKind, RunningServer>()
  try {
    for (const kind of new Set(Object.values(SERVER_OF))) {
      servers.set(
        kind,
        await startRuntimeServer({ runtime, entry: SERVER, env: { SERVER_KIND: kind } }),
      )
    }
    const version = await serverVersion(servers.get('hand') as RunningServer)
    const config: StreamLoadConfig = {
      ...plan.load,
      targets: CONTENDERS.filter(
        (contender) => runtime === 'node' || !NODE_ONLY.includes(contender),
      ).map((contender) => ({
        contender,
        port: (servers.get(SERVER_OF[contender]) as RunningServer).port,
      })),
    }
    const { stdout } = await runChild(runtimeCommand('node', CLIENT), {
      env: { BENCH_CONFIG: JSON.stringify(config) },
      timeoutMs: smoke ? 60_000 : 600_000,
    })
    const report = parseResult<StreamLoadReport>(stdout)
    for (const { kind, contenders } of report.kinds) {
      for (const { contender, ms, error } of contenders) {
        if (error) throw new Error(`${contender} failed on ${runtime} (${kind}): ${error}`)
        if (ms.length !== plan.load.rounds) throw new Error(`${contender} has no samples`)
      }
    }
    return { runtime, version, ...report }
  } finally {
    for (const server of servers.values()) await server.stop()
  }
}
