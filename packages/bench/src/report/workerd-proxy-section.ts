import type { PartFile } from '../results.ts'
import type { ProxyData } from '../workerd-proxy/part.ts'
import type { ProcessSample } from '../workerd-proxy/proc-sample.ts'
import { fmt, ours, type Section, table } from './markdown.ts'

const ROLES = ['proxy', 'worker', 'wrangler'] as const

function of(samples: ProcessSample[], role: string): ProcessSample | undefined {
  return samples.find((sample) => sample.role === role)
}

/** Open files and RSS of wrangler dev's processes, streams held, dropped and churned. */
export function workerdProxySection(file: PartFile<ProxyData>): Section {
  const { plan, runs } = file.data
  const held = plan.hold.connections
  const perStream = (run: (typeof runs)[number], role: string) => {
    const before = of(run.hold.before, role)?.fds
    const during = of(run.hold.held, role)?.fds
    return before === undefined || during === undefined ? 'n/a' : fmt((during - before) / held, 2)
  }
  const fdsAfter = (run: (typeof runs)[number]) =>
    run.hold.after
      .map(
        (samples, i) =>
          `${plan.hold.afterS[i]} s: ${ROLES.map((role) => of(samples, role)?.fds ?? '?').join(' / ')}`,
      )
      .join('; ')
  const rss = (samples: ProcessSample[]) =>
    ROLES.slice(0, 2)
      .map((role) => fmt(of(samples, role)?.rssMiB ?? Number.NaN))
      .join(' / ')
  const markdown = [
    '## 9. workerd under `wrangler dev`: whose are the open files and the memory?',
    '',
    '`src/workerd-proxy/` (a reproduction: `pnpm --filter @ssekit/bench bench --only=workerd-proxy`)',
    'starts the section-3 Worker under `wrangler dev` for each kind of stream, **floor** being a',
    "bare `ReadableStream` Worker with no library, and reads each process's open files",
    '(`/proc/<pid>/fd`) and RSS: **proxy** is the workerd listening on the dev port, **worker** the',
    "workerd running the Worker, **wrangler** wrangler's own Node process. First",
    `${fmt(held, 6)} idle streams (heartbeat ${fmt(plan.hold.heartbeatMs)} ms) are held, then dropped at once; then a churn of`,
    `${fmt(plan.churn.total, 6)} streams, ${fmt(plan.churn.batch)} at a time, each held ${fmt(plan.churn.holdMs)} ms (heartbeat ${fmt(plan.churn.heartbeatMs)} ms, the shared app's default).`,
    'The open-files limit is 20 000 per process.',
    '',
    table(
      [
        'Worker',
        'Open files per held stream (proxy / worker / wrangler)',
        'Open files after the drop (proxy / worker / wrangler)',
        'RSS MiB before → held → after (proxy / worker)',
        'Churn: opened / failed',
        'Churn: peak open files (proxy / worker / wrangler)',
        'Note',
      ],
      runs.map((run) => [
        ours(run.kind),
        ROLES.map((role) => perStream(run, role)).join(' / '),
        fdsAfter(run),
        `${rss(run.hold.before)} → ${rss(run.hold.held)} → ${rss(run.hold.after.at(-1) ?? [])}`,
        run.churn.report
          ? `${fmt(run.churn.report.opened, 6)} / ${fmt(run.churn.report.failed, 6)}`
          : 'n/a',
        ROLES.map((role) => of(run.churn.peak, role)?.fds ?? '?').join(' / '),
        (run.error ?? '').replace(/\|/g, '/').slice(0, 120),
      ]),
    ),
    '',
  ].join('\n')
  return { markdown, charts: [] }
}
