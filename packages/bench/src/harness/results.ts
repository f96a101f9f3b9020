import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where a full run keeps its results (committed) and the report reads them. */
export const RESULTS_DIR: string = fileURLToPath(new URL('../../results', import.meta.url))

/** One part's result file: `results/<part>.json`. */
export interface PartFile<T> {
  part: string
  date: string
  machine: { cpu: string; cores: number; memoryGiB: number; kernel: string }
  smoke: boolean
  /** The machine's 1-, 5- and 15-minute load averages as the part ended (2 shared cores). */
  loadAverage?: number[]
  data: T
}

/** Writes a part's data as `<dir>/<part>.json`, with the date and this machine. */
export async function writePart(dir: string, part: string, data: unknown, smoke: boolean) {
  const machine = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: `Linux ${release()}`,
  }
  const date = new Date().toISOString()
  const file: PartFile<unknown> = { part, date, machine, smoke, loadAverage: loadavg(), data }
  // Four significant decimals are more than any of these measurements can tell apart.
  const round = (_: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1e4) / 1e4 : value
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, `${part}.json`), `${JSON.stringify(file, round, 1)}\n`)
}

/** Reads a part's results file, or `undefined` when that part has not run yet. */
export async function readPart(dir: string, part: string): Promise<PartFile<unknown> | undefined> {
  const text = await readFile(join(dir, `${part}.json`), 'utf8').catch((error) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  return text === undefined ? undefined : JSON.parse(text)
}
