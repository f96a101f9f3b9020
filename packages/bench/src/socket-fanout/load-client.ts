/**
 * The load client of the fan-out part, in its own Node process. For every size, round and
 * contender (in a rotated order) it opens the subscribers' sockets, learns the length of one
 * event on the wire, publishes paced events (publish → last byte on the last socket, each) and
 * then a burst (delivered messages per second), reads the server's CPU time around both, checks
 * every socket's byte count and the sampled sockets' parsed events, and drops every socket.
 */
import { emitResult, readConfig } from '../child-io.ts'
import { ControlClient } from './control-client.ts'
import { measureRound } from './round.ts'
import type { FanoutLoadConfig, FanoutLoadReport, FanoutRound } from './types.ts'

const config = readConfig<FanoutLoadConfig>()
const controls = new Map<string, ControlClient>()
for (const target of config.targets) {
  controls.set(target.contender, await ControlClient.connect(target.controlPort))
}
// Each server's events are numbered on, so IDs stay unique across rounds.
const nextSeq = new Map(config.targets.map((target) => [target.contender, 0]))

const report: FanoutLoadReport = { rounds: [] }
for (const step of config.steps) {
  for (let round = 0; round < step.rounds; round++) {
    for (let k = 0; k < config.targets.length; k++) {
      const target = config.targets[(round + k) % config.targets.length]
      if (!target) continue
      const control = controls.get(target.contender) as ControlClient
      const first = nextSeq.get(target.contender) ?? 0
      const result: FanoutRound = await measureRound(
        target,
        control,
        step,
        round,
        first,
        config.sampled,
      )
      nextSeq.set(target.contender, first + 1 + step.latencyEvents + step.burstEvents)
      console.log(`@@round ${JSON.stringify({ ...result, latencyMs: result.latencyMs.length })}`)
      report.rounds.push(result)
    }
  }
}
for (const control of controls.values()) control.close()
emitResult(report)
