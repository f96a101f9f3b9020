/**
 * `pnpm bench`: runs every part, writes `results/<part>.json`, then regenerates BENCHMARKS.md.
 * `--smoke` runs each part with tiny N into a temporary folder (what `pnpm test` runs): it proves
 * the bench still works and asserts nothing about timing. `--only=a,b` runs some parts.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clientPart } from './client/part.ts'
import { connectionsPart } from './connections/part.ts'
import { durableObjectPart } from './durable-object/part.ts'
import { fanoutPart } from './fanout/part.ts'
import { heapPart } from './heap/part.ts'
import { latencyPart } from './latency/part.ts'
import type { Part } from './part.ts'
import { redisPart } from './redis/part.ts'
import { generateReport, REPORT_PATHS } from './report/generate.ts'
import { RESULTS_DIR } from './results.ts'
import { socketFanoutPart } from './socket-fanout/part.ts'
import { socketStreamPart } from './socket-stream/part.ts'
import { throughputPart } from './throughput/part.ts'
import { workerdProxyPart } from './workerd-proxy/part.ts'

const PARTS: readonly Part[] = [
  throughputPart,
  latencyPart,
  connectionsPart,
  fanoutPart,
  socketStreamPart,
  socketFanoutPart,
  heapPart,
  workerdProxyPart,
  clientPart,
  durableObjectPart,
  redisPart,
]

const args = process.argv.slice(2)
const smoke = args.includes('--smoke')
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
const selected = only ? PARTS.filter((part) => only.includes(part.name)) : PARTS
if (only && selected.length !== only.length) {
  throw new Error(`Unknown part in --only; the parts are ${PARTS.map((p) => p.name).join(', ')}`)
}

const outDir = smoke ? await mkdtemp(join(tmpdir(), 'ssekit-bench-')) : RESULTS_DIR
const log = (message: string) => console.log(`[bench] ${message}`)
const started = performance.now()
try {
  for (const part of selected) {
    const partStarted = performance.now()
    await part.run({ smoke, outDir, log })
    log(`${part.name} done in ${((performance.now() - partStarted) / 1000).toFixed(1)} s`)
  }
  const report = smoke
    ? { resultsDir: outDir, markdownPath: join(outDir, 'BENCHMARKS.md'), chartsDir: outDir }
    : REPORT_PATHS
  const written = await generateReport(report)
  log(`report: ${written.join(', ')}`)
  log(`all done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
} finally {
  if (smoke) await rm(outDir, { recursive: true, force: true })
}
