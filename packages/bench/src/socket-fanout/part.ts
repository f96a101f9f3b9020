import { freePort } from '@ssekit/testkit'
import { profileServer } from '../harness/cpu-profile.ts'
import { definePart } from '../harness/part.ts'
import { roundsOr } from '../harness/rounds.ts'
import { RUNTIMES } from '../harness/runtime.ts'
import { type BenchServer, startBenchServer } from '../harness/server.ts'
import { fmt } from '../report/markdown.ts'
import { report, type SocketFanoutData } from './report.ts'
import { type FanoutRound, type FanoutStep, measureRound } from './round.ts'

const paced = { latencyEvents: 40, intervalMs: 100 }
const FULL: SocketFanoutData['plan'] = {
  steps: [
    { subscribers: 5000, rounds: roundsOr(3), ...paced, burstEvents: 100 },
    { subscribers: 10_000, rounds: roundsOr(3), ...paced, burstEvents: 50 },
  ],
  /** Streams per round whose every event is parsed and checked. */
  sampled: 8,
  /** What each profiled Node server does under `--cpu-prof`. */
  profile: { subscribers: 1000, rounds: 2, latencyEvents: 0, intervalMs: 100, burstEvents: 200 },
}
const SMOKE: SocketFanoutData['plan'] = {
  steps: [{ subscribers: 20, rounds: 1, latencyEvents: 3, intervalMs: 20, burstEvents: 10 }],
  sampled: 2,
  profile: { subscribers: 10, rounds: 1, latencyEvents: 0, intervalMs: 20, burstEvents: 5 },
}

// `ssekit-web` (the web stream, without the Node fast path) and `hand-web` (the hand-written
// broadcast through the fetch adapter) differ from `ssekit` and `hand` only on Node.
const ON_NODE = ['ssekit', 'ssekit-web', 'hono', 'hand', 'hand-web']
const OFF_NODE = ['ssekit', 'hono', 'hand']

type Target = { contender: string; url: string; control: string }

// Events are numbered on across rounds and servers, so IDs stay unique.
let seq = 0

/** Runs `step` round by round against every target, in a rotated order. */
async function rounds(
  targets: Target[],
  step: FanoutStep,
  sampled: number,
  log: (m: string) => void,
) {
  const results: FanoutRound[] = []
  for (let round = 0; round < step.rounds; round++) {
    for (let k = 0; k < targets.length; k++) {
      const target = targets[(round + k) % targets.length] as Target
      results.push(await measureRound(target, step, round, seq, sampled))
      seq += step.latencyEvents + step.burstEvents
      const { error, burst } = results.at(-1) as FanoutRound
      log(`${target.contender} × ${step.subscribers}: ${error ?? `burst ${fmt(burst.ms)} ms`}`)
    }
  }
  return results
}

/** A contender's server environment (its control port), and its target once it listens. */
async function control(contender: string) {
  const port = await freePort()
  const target = (server: BenchServer) => ({
    contender,
    url: `${server.url}/events`,
    control: `http://127.0.0.1:${port}`,
  })
  return { env: { CONTROL_PORT: String(port) }, target }
}

/**
 * Fan-out to real sockets: per runtime, one server process per contender (each its own CPU
 * clock), all up at once, with every subscriber's stream held in this process and the contenders
 * interleaved round by round; then the Node servers under `--cpu-prof`.
 */
export const socketFanoutPart = definePart<SocketFanoutData>({
  name: 'socket-fanout',
  async run({ smoke, log }) {
    const plan = smoke ? SMOKE : FULL
    const runs: SocketFanoutData['runs'] = []
    for (const runtime of RUNTIMES) {
      log(runtime)
      const [servers, targets]: [BenchServer[], Target[]] = [[], []]
      try {
        for (const contender of runtime === 'node' ? ON_NODE : OFF_NODE) {
          const { env, target } = await control(contender)
          servers.push(await startBenchServer(runtime, `fanout:${contender}`, { env }))
          targets.push(target(servers.at(-1) as BenchServer))
        }
        const results: FanoutRound[] = []
        for (const step of plan.steps)
          results.push(...(await rounds(targets, step, plan.sampled, log)))
        runs.push({ runtime, version: servers[0]?.version ?? '', rounds: results })
      } finally {
        for (const server of servers) await server.stop()
      }
    }
    log('node --cpu-prof')
    const profiles: SocketFanoutData['profiles'] = []
    for (const contender of ['ssekit', 'ssekit-web', 'hand', 'hand-web']) {
      const { env, target } = await control(contender)
      let results: FanoutRound[] = []
      const summary = await profileServer(`fanout:${contender}`, env, async (server) => {
        results = await rounds([target(server)], plan.profile, 2, log)
      })
      profiles.push({ contender, step: plan.profile, rounds: results, summary })
    }
    const broken = [...runs, ...profiles].flatMap((run) =>
      run.rounds.filter((round) => round.error),
    )
    if (smoke && broken.length > 0)
      throw new Error(broken.map((r) => `${r.contender}: ${r.error}`).join('; '))
    return { plan, runs, profiles }
  },
  report,
})
