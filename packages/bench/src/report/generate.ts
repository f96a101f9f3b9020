import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Part, PartReport } from '../harness/part.ts'
import { type PartFile, readPart } from '../harness/results.ts'
import { fmt, table } from './markdown.ts'

/** Where a full run's report goes: BENCHMARKS.md at the repository root. */
export const BENCHMARKS_PATH: string = fileURLToPath(
  new URL('../../../../BENCHMARKS.md', import.meta.url),
)

// The prose, written by hand, with a placeholder wherever a number comes from the results.
const TEMPLATE = new URL('./template.md', import.meta.url)
// Why a target was missed, written by hand from the profiles and the runs, keyed by target id.
const MISS_REASONS = new URL('./miss-reasons.md', import.meta.url)

/**
 * Rebuilds BENCHMARKS.md from the JSON results alone, so it can be regenerated without a re-run.
 * In the template, `{{<part>.<block>}}` is a block of that part's report (a table, a headline),
 * `{{<part>:<path>}}` a value of its JSON data (`{{throughput:config.rounds}}`), and
 * `{{targets}}`, `{{machine}}` and `{{runs}}` are made here. A part with no results yet
 * leaves a note where its blocks would be.
 */
export async function generateReport(
  parts: readonly Part[],
  resultsDir: string,
  markdownPath: string,
): Promise<void> {
  const files = new Map<string, PartFile<unknown>>()
  const reports = new Map<string, PartReport>()
  for (const part of parts) {
    const file = await readPart(resultsDir, part.name)
    if (!file) continue
    files.set(part.name, file)
    reports.set(part.name, part.report(file.data))
  }
  const [first] = files.values()
  if (!first) throw new Error(`No results in ${resultsDir}: run \`pnpm bench\``)

  const reasons = await missReasons()
  const targets = [...reports.values()].flatMap((report) => report.targets ?? [])
  const made: Record<string, string> = {
    targets: table(
      'Target | Measured |  | Why missed',
      targets.map(({ id, target, measured, ok }) => [
        target,
        measured,
        ok ? '✅ met' : '❌ missed',
        ok ? '' : (reasons.find(([prefix]) => `${id}:`.startsWith(`${prefix}:`))?.[1] ?? ''),
      ]),
    ),
    machine: `${first.machine.cpu}, ${first.machine.cores} cores, ${first.machine.memoryGiB} GiB, ${first.machine.kernel}`,
    runs: [...files.values()]
      .map((file) => {
        const load = file.loadAverage
          ? ` (load ${file.loadAverage.map((l) => fmt(l, 2)).join('/')})`
          : ''
        return `${file.part} ${file.date.slice(0, 16).replace('T', ' ')} UTC${load}`
      })
      .join('; '),
  }
  const template = await readFile(TEMPLATE, 'utf8')
  const markdown = template.replace(
    /\{\{([\w-]+)(?:([.:])([\w.-]+))?\}\}/g,
    (all, name, how, key) => {
      if (!how) return made[name] ?? unknown(all)
      const report = reports.get(name)
      if (!parts.some((part) => part.name === name)) return unknown(all)
      if (!report) return how === '.' ? notRun(name) : '?'
      if (how === '.') return report.blocks[key] ?? unknown(all)
      const value = (key as string)
        .split('.')
        .reduce<unknown>(
          (at, step) => (at as Record<string, unknown>)?.[step],
          files.get(name)?.data,
        )
      return typeof value === 'number'
        ? fmt(value, 6)
        : value === undefined
          ? unknown(all)
          : String(value)
    },
  )
  await writeFile(markdownPath, markdown)
}

function unknown(placeholder: string): never {
  throw new RangeError(`Cannot fill the report: ${placeholder} names nothing`)
}

function notRun(part: string): string {
  return `_No results yet: \`pnpm bench --only=${part}\`._`
}

// `- \`fanout-hono:bun\`: reason` lines; the longest matching prefix comes first.
async function missReasons(): Promise<[string, string][]> {
  const text = await readFile(MISS_REASONS, 'utf8')
  return [...text.matchAll(/^- `([^`]+)`: (.+)$/gm)]
    .map((match): [string, string] => [
      match[1] as string,
      (match[2] as string).replace(/\|/g, '/'),
    ])
    .sort((a, b) => b[0].length - a[0].length)
}
