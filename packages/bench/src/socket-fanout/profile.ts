import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '@ssekit/testkit'
import { parseResult } from '../child-io.ts'
import { runChild } from '../child-process.ts'
import { type ProfileSummary, readProfileDir, summarizeProfile } from '../profile/cpu-profile.ts'
import { raiseOpenFiles, runtimeCommand } from '../runtime-command.ts'
import { startRuntimeServer } from '../socket/runtime-server.ts'
import type { FanoutContender } from './event.ts'
import type { FanoutLoadConfig, FanoutLoadReport, FanoutRound, FanoutStep } from './types.ts'

/** Where one contender's Node server spent its time during bursts to real sockets. */
export interface FanoutProfile {
  contender: FanoutContender
  step: FanoutStep
  rounds: FanoutRound[]
  summary: ProfileSummary
}

/** Runs `step` against one contender's Node server started under `--cpu-prof`. */
export async function profileFanout(
  serverEntry: string,
  clientEntry: string,
  contender: FanoutContender,
  step: FanoutStep,
): Promise<FanoutProfile> {
  const dir = await mkdtemp(join(tmpdir(), 'ssekit-fanout-prof-'))
  try {
    const controlPort = await freePort()
    const server = await startRuntimeServer({
      runtime: 'node',
      entry: serverEntry,
      env: { SERVER_KIND: contender, CONTROL_PORT: String(controlPort) },
      flags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
      manyFiles: true,
    })
    let report: FanoutLoadReport
    try {
      const config: FanoutLoadConfig = {
        targets: [{ contender, port: server.port, controlPort }],
        steps: [step],
        sampled: 2,
      }
      const { stdout } = await runChild(raiseOpenFiles(runtimeCommand('node', clientEntry)), {
        env: { BENCH_CONFIG: JSON.stringify(config) },
        timeoutMs: 600_000,
      })
      report = parseResult<FanoutLoadReport>(stdout)
    } finally {
      await server.stop()
    }
    const summary = summarizeProfile(await readProfileDir(dir))
    return { contender, step, rounds: report.rounds, summary }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
