/** `pnpm --filter @ssekit/bench report`: rebuilds BENCHMARKS.md and its charts from the JSON. */
import { generateReport, REPORT_PATHS } from './generate.ts'

const written = await generateReport(REPORT_PATHS)
console.log(`Wrote ${written.join('\n      ')}`)
