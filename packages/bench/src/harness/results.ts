import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { cpus, release, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where a full run keeps its results (committed) and the report reads them. */
export const RESULTS_DIR: string = fileURLToPath(new URL('../../results', import.meta.url))

/** The machine a part ran on. */
export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  kernel: string
}

/** One part's result file: `results/<part>.json`. */
export interface PartFile<T> {
  part: string
  date: string
  machine: Machine
  smoke: boolean
  data: T
}

/** Describes this machine. */
export function machine(): Machine {
  const all = cpus()
  return {
    cpu: all[0]?.model.trim() ?? 'unknown',
    cores: all.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: `Linux ${release()}`,
  }
}

/** Writes a part's result as `<dir>/<part>.json`. */
export async function writePart<T>(
  dir: string,
  part: string,
  data: T,
  smoke: boolean,
): Promise<string> {
  const file: PartFile<T> = {
    part,
    date: new Date().toISOString(),
    machine: machine(),
    smoke,
    data,
  }
  const path = join(dir, `${part}.json`)
  await mkdir(dir, { recursive: true })
  await writeFile(path, `${JSON.stringify(file, roundNumbers, 1)}\n`)
  return path
}

/** Reads a part's result, or `undefined` when that part has not run yet. */
export async function readPart<T>(dir: string, part: string): Promise<PartFile<T> | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, `${part}.json`), 'utf8')) as PartFile<T>
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

// Four significant decimals are more than any of these measurements can tell apart.
function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value)
    ? Math.round(value * 1e4) / 1e4
    : value
}
