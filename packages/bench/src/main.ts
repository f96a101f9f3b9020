/**
 * `pnpm bench`: runs every part, writes `results/<part>.json`, then regenerates BENCHMARKS.md.
 * `--only=a,b` runs some parts. `--smoke` runs each with tiny N into a temporary folder (what
 * `pnpm test` runs): it proves the bench still works and asserts nothing about timing.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withEarlierRuntimes } from './harness/earlier-runtimes.ts'
import { RESULTS_DIR, writePart } from './harness/results.ts'
import { PARTS } from './parts.ts'
import { BENCHMARKS_PATH, generateReport } from './report/generate.ts'

const args = process.argv.slice(2)
const smoke = args.includes('--smoke')
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
const unknown = only?.filter((name) => !PARTS.some((part) => part.name === name))
if (unknown?.length) {
  throw new RangeError(
    `Unknown part ${unknown.join(', ')}; the parts are ${PARTS.map((p) => p.name).join(', ')}`,
  )
}

const outDir = smoke ? await mkdtemp(join(tmpdir(), 'ssekit-bench-')) : RESULTS_DIR
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`
const started = performance.now()
try {
  for (const part of PARTS.filter((p) => !only || only.includes(p.name))) {
    const partStarted = performance.now()
    const log = (message: string) => console.log(`[bench] ${part.name}: ${message}`)
    const data = await part.run({ smoke, log })
    await writePart(outDir, part.name, await withEarlierRuntimes(outDir, part.name, data), smoke)
    log(`done in ${seconds(partStarted)}`)
  }
  // The smoke run proves the report renders from what the parts wrote.
  await generateReport(PARTS, outDir, smoke ? join(outDir, 'BENCHMARKS.md') : BENCHMARKS_PATH)
  console.log(`[bench] report written; all done in ${seconds(started)}`)
} finally {
  if (smoke) await rm(outDir, { recursive: true, force: true })
}
