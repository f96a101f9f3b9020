/** `pnpm --filter @ssekit/bench report`: rebuilds BENCHMARKS.md from the committed JSON. */
import { RESULTS_DIR } from '../harness/results.ts'
import { PARTS } from '../parts.ts'
import { BENCHMARKS_PATH, generateReport } from './generate.ts'

await generateReport(PARTS, RESULTS_DIR, BENCHMARKS_PATH)
console.log(`Wrote ${BENCHMARKS_PATH}`)
