import { type ProfileSummary, profileTable } from '../harness/cpu-profile.ts'
import type { PartReport } from '../harness/part.ts'
import { median, pairedRatio, percentile } from '../harness/stats.ts'
import { fmt, ours, ratio, runtimeLabel, table } from '../report/markdown.ts'
import type { FanoutRound, FanoutStep } from './round.ts'

/** The part's results file. */
export interface SocketFanoutData {
  plan: { steps: FanoutStep[]; sampled: number; profile: FanoutStep }
  runs: { runtime: string; version: string; rounds: FanoutRound[] }[]
  profiles: {
    contender: string
    step: FanoutStep
    rounds: FanoutRound[]
    summary: ProfileSummary
  }[]
}

const messages = (r: FanoutRound) => r.subscribers * r.burst.events
const rate = (r: FanoutRound) => messages(r) / (r.burst.ms / 1000)

/**
 * Per runtime, size and contender: the median delivered rate and CPU per message, latency
 * percentiles pooled over rounds, and same-round ratios to the hand-written limit and Hono.
 */
function rows({ runs }: SocketFanoutData) {
  return runs.flatMap((run) =>
    [...new Set(run.rounds.map((r) => `${r.subscribers} ${r.contender}`))].map((key) => {
      const [subscribers, contender] = [Number(key.split(' ')[0]), key.split(' ')[1] as string]
      const ok = (name: string) =>
        run.rounds.filter((r) => r.subscribers === subscribers && r.contender === name && !r.error)
      // Rates by round, for same-round ratios.
      const rates = (name: string) => {
        const byRound: number[] = []
        for (const r of ok(name)) byRound[r.round] = rate(r)
        return byRound
      }
      const latency = (name: string) => ok(name).flatMap((r) => r.latencyMs)
      const p99 = (name: string) => percentile(latency(name), 99)
      const failed = run.rounds.filter(
        (r) => r.subscribers === subscribers && r.contender === contender && r.error,
      )
      return {
        ...{ runtime: run.runtime, subscribers, contender, p99: p99(contender) },
        vsHand: pairedRatio(rates('hand'), rates(contender)),
        vsHono: pairedRatio(rates('hono'), rates(contender)),
        p99VsHand: p99(contender) / p99('hand'),
        cells: [
          runtimeLabel(run),
          fmt(subscribers, 6),
          ours(contender),
          fmt(median(ok(contender).map(rate))),
        ],
        more: [fmt(percentile(latency(contender), 50)), fmt(p99(contender))],
        cpu: fmt(median(ok(contender).map((r) => r.burst.cpuMicros / messages(r)))),
        note: failed.length
          ? `${failed.length} round(s) failed: ${failed[0]?.error?.slice(0, 80)}`
          : '',
      }
    }),
  )
}

/** The fan-out table, the profile table, and the targets. */
export function report(data: SocketFanoutData): PartReport {
  const all = rows(data)
  const steps = data.plan.steps.map(
    (s) => `${fmt(s.subscribers, 6)} subscribers: ${s.rounds} rounds, bursts of ${s.burstEvents}`,
  )
  const columns =
    'Runtime | Subscribers | Contender | delivered/s | × hand | × Hono | p50 ms | p99 ms'
  const units = (p: SocketFanoutData['profiles'][number]) =>
    p.rounds.filter((r) => !r.error).reduce((n, r) => n + messages(r), 0)
  return {
    blocks: {
      steps: `${steps.join('; ')}.`,
      table: table(
        `${columns} | p99 × hand | CPU µs/msg | Note`,
        all.map((r) => [
          ...r.cells,
          ratio(r.vsHand),
          ratio(r.vsHono),
          ...r.more,
          ratio(r.p99VsHand),
          r.cpu,
          r.note,
        ]),
      ),
      profile: profileTable(
        data.profiles.map((p) => ({ name: p.contender, summary: p.summary, units: units(p) })),
        'delivered message',
      ),
    },
    targets: all
      .filter((r) => r.contender === 'ssekit')
      .flatMap((r) => {
        const where = `${r.runtime} fan-out to ${fmt(r.subscribers, 6)} sockets: ${r.contender}`
        const id = `${r.runtime}:${r.contender}:${r.subscribers}`
        return [
          [
            `fanout-rate:${id}`,
            `${where} delivered/s ≥ 0.85× hand-written`,
            ratio(r.vsHand),
            r.vsHand >= 0.85,
          ],
          [`fanout-hono:${id}`, `${where} delivered/s ≥ 3× Hono`, ratio(r.vsHono), r.vsHono >= 3],
          [
            `fanout-p99:${id}`,
            `${where} p99 at 10/s ≤ 1.3× hand-written`,
            `${fmt(r.p99)} ms, ${ratio(r.p99VsHand)}`,
            r.p99VsHand <= 1.3,
          ],
        ] as const
      })
      .map(([id, target, measured, ok]) => ({ id, target, measured, ok })),
  }
}
