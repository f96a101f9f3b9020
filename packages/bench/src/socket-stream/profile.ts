import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseResult } from '../child-io.ts'
import { runChild } from '../child-process.ts'
import { type ProfileSummary, readProfileDir, summarizeProfile } from '../profile/cpu-profile.ts'
import { runtimeCommand } from '../runtime-command.ts'
import { startRuntimeServer } from '../socket/runtime-server.ts'
import type { StreamContender } from './apps.ts'
import { SERVER_OF } from './plan.ts'
import type { StreamLoadConfig, StreamLoadReport } from './types.ts'

/** Where one contender's Node server spent its time while streaming small JSON events. */
export interface StreamProfile {
  contender: StreamContender
  streams: number
  count: number
  /** Median stream time while profiled (profiling slows everything down a little). */
  ms: number[]
  summary: ProfileSummary
}

/**
 * Streams `streams` times 200 000 small JSON events from one contender's Node server started
 * under `--cpu-prof`, then stops it so the profile is written, and summarises it.
 */
export async function profileStreams(
  serverEntry: string,
  clientEntry: string,
  contender: StreamContender,
  streams: number,
): Promise<StreamProfile> {
  const dir = await mkdtemp(join(tmpdir(), 'ssekit-cpu-prof-'))
  const count = streams > 1 ? 200_000 : 1000
  try {
    const server = await startRuntimeServer({
      runtime: 'node',
      entry: serverEntry,
      env: { SERVER_KIND: SERVER_OF[contender] },
      flags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    })
    let report: StreamLoadReport
    try {
      const config: StreamLoadConfig = {
        targets: [{ contender, port: server.port }],
        counts: { 'small-json': count },
        rounds: streams,
        warmup: 0,
        verifyCount: 10,
      }
      const { stdout } = await runChild(runtimeCommand('node', clientEntry), {
        env: { BENCH_CONFIG: JSON.stringify(config) },
        timeoutMs: 300_000,
      })
      report = parseResult<StreamLoadReport>(stdout)
    } finally {
      await server.stop()
    }
    const ms = report.kinds[0]?.contenders[0]?.ms ?? []
    return { contender, streams, count, ms, summary: summarizeProfile(await readProfileDir(dir)) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
