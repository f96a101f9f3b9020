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

const rate = (r: FanoutRound) => (r.subscribers * r.burst.events) / (r.burst.ms / 1000)
const ifAny = (values: number[], f: (values: number[]) => number) =>
  values.length ? f(values) : Number.NaN

/**
 * Per runtime, size and contender: the median delivered rate and CPU per message, latency
 * percentiles pooled over rounds, and same-round ratios to the hand-written limit and Hono.
 */
export function report({ plan, runs, profiles }: SocketFanoutData): PartReport {
  const rows = runs.flatMap((run) =>
    [...new Set(run.rounds.map((r) => r.subscribers))].flatMap((subscribers) => {
      const at = run.rounds.filter((r) => r.subscribers === subscribers)
      const ok = (name: string) => at.filter((r) => r.contender === name && !r.error)
      const rates = (name: string) => {
        const byRound: number[] = []
        for (const r of ok(name)) byRound[r.round] = rate(r)
        return byRound
      }
      const p99 = (name: string) =>
        ifAny(
          ok(name).flatMap((r) => r.latencyMs),
          (ms) => percentile(ms, 99),
        )
      return [...new Set(at.map((r) => r.contender))].map((contender) => {
        const latency = ok(contender).flatMap((r) => r.latencyMs)
        const errors = at.filter((r) => r.contender === contender && r.error)
        return {
          runtime: run.runtime,
          subscribers,
          contender,
          rate: ifAny(ok(contender).map(rate), median),
          vsHand: pairedRatio(rates('hand'), rates(contender)),
          vsHono: pairedRatio(rates('hono'), rates(contender)),
          p50: ifAny(latency, (ms) => percentile(ms, 50)),
          p99: p99(contender),
          p99VsHand: p99(contender) / p99('hand'),
          cpu: ifAny(
            ok(contender).map((r) => r.burst.cpuMicros / (r.subscribers * r.burst.events)),
            median,
          ),
          note: errors.length
            ? `${errors.length} round(s) failed: ${errors[0]?.error?.slice(0, 80)}`
            : '',
          label: runtimeLabel(run),
        }
      })
    }),
  )
  const columns = ['Runtime', 'Subscribers', 'Contender', 'delivered/s', '× hand', '× Hono']
  const ours_ = rows.filter((row) => row.contender.startsWith('ssekit'))
  return {
    blocks: {
      steps: `${plan.steps.map((s) => `${fmt(s.subscribers, 6)} subscribers: ${s.rounds} rounds, bursts of ${s.burstEvents}`).join('; ')}.`,
      table: table(
        [...columns, 'p50 ms', 'p99 ms', 'p99 × hand', 'CPU µs/msg', 'Note'],
        rows.map((r) => [
          r.label,
          fmt(r.subscribers, 6),
          ours(r.contender),
          fmt(r.rate),
          ratio(r.vsHand),
          ratio(r.vsHono),
          fmt(r.p50),
          fmt(r.p99),
          ratio(r.p99VsHand),
          fmt(r.cpu),
          r.note,
        ]),
      ),
      profile: profileTable(
        profiles.map((p) => ({
          name: p.contender,
          summary: p.summary,
          units: p.rounds
            .filter((r) => !r.error)
            .reduce((n, r) => n + r.subscribers * r.burst.events, 0),
        })),
        'delivered message',
      ),
    },
    targets: ours_.flatMap((r) => {
      const where = `${r.runtime} fan-out to ${fmt(r.subscribers, 6)} sockets: ${r.contender}`
      const id = `${r.runtime}:${r.contender}:${r.subscribers}`
      return [
        {
          id: `fanout-rate:${id}`,
          target: `${where} delivered/s ≥ 0.8× hand-written`,
          measured: ratio(r.vsHand),
          ok: r.vsHand >= 0.8,
        },
        {
          id: `fanout-hono:${id}`,
          target: `${where} delivered/s ≥ 3× Hono`,
          measured: ratio(r.vsHono),
          ok: r.vsHono >= 3,
        },
        {
          id: `fanout-p99:${id}`,
          target: `${where} p99 at 10/s ≤ 1.3× hand-written`,
          measured: `${fmt(r.p99)} ms, ${ratio(r.p99VsHand)}`,
          ok: r.p99VsHand <= 1.3,
        },
      ]
    }),
  }
}
