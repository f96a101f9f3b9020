import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'

// The Worker of the workerd tests (the channel object and its test subclasses), bundled once.
const ENTRY = fileURLToPath(new URL('../worker/main.ts', import.meta.url))

/** The test Worker as one ES module, `cloudflare:workers` left to the runtime. */
export async function bundleTestWorker(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:workers'],
    write: false,
  })
  const [output] = result.outputFiles
  if (output === undefined) throw new Error('esbuild produced no bundle')
  return output.text
}

/** A folder the runtime keeps its storage in between restarts; removed by `cleanup()`. */
export async function stateFolder(): Promise<{ path: string; cleanup(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'ssekit-miniflare-'))
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) }
}

const NAME = 'channels'

/** workerd, through miniflare, running the test Worker on the storage in `state`. */
export function startRuntime(script: string, state: string): Miniflare {
  const channel = (exportName: string) =>
    ({ type: 'durable-object', worker: NAME, exportName }) as const
  const sqlite = { type: 'durable-object', storage: 'sqlite' } as const
  return new Miniflare({
    workers: [
      {
        config: {
          name: NAME,
          compatibilityDate: '2026-11-09',
          manifest: {
            mainModule: 'main.js',
            modules: { 'main.js': { type: 'esm', contents: script } },
          },
          env: { CHANNELS: channel('SSEChannelObject'), SMALL: channel('SmallChannel') },
          exports: { SSEChannelObject: sqlite, SmallChannel: sqlite },
        },
      },
    ],
    resourcePersistencePath: state,
  })
}

/** Every `.sqlite` file under a folder: where the runtime keeps each object's database. */
export async function sqliteFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, encoding: 'utf8' })
  return entries.filter((entry) => entry.endsWith('.sqlite')).map((entry) => join(folder, entry))
}
