import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, startServer } from '@ssekit/testkit'
import { parseResult } from '../child-io.ts'
import { type RunningChild, runChild, startChild } from '../child-process.ts'
import type { Part } from '../part.ts'
import { writePart } from '../results.ts'
import { runtimeBinary, runtimeCommand } from '../runtime-command.ts'
import type { DurableObjectData, DurableObjectPlan, Mode, ModeResult } from './types.ts'

const CLIENT = fileURLToPath(new URL('./client.ts', import.meta.url))
const CONFIG = fileURLToPath(new URL('../../workers/durable-object.jsonc', import.meta.url))
const require = createRequire(import.meta.url)
const MODES: readonly Mode[] = ['object', 'direct']

const FULL: DurableObjectPlan = {
  subscribers: 500,
  events: 50,
  gapMs: 100,
  firstWaitMs: 2000,
  maxWaitMs: 64_000,
  resolutionMs: 1000,
}
const SMOKE: DurableObjectPlan = {
  subscribers: 10,
  events: 3,
  gapMs: 10,
  firstWaitMs: 200,
  maxWaitMs: 200,
  resolutionMs: 200,
}

/**
 * The durable-object part: `@ssekit/cloudflare` under `wrangler dev` against the
 * direct mode, with `subscribers` clients each: publish-to-delivery latency, and how long the
 * object stays in memory (billed) once its subscribers go idle.
 */
export const durableObjectPart: Part = {
  name: 'durable-object',
  async run({ smoke, outDir, log }) {
    const plan = smoke ? SMOKE : FULL
    const wrangler = join(dirname(require.resolve('wrangler/package.json')), 'bin/wrangler.js')
    const work = await mkdtemp(join(tmpdir(), 'ssekit-bench-do-'))
    try {
      const config = await bundle(wrangler, work)
      const runs: ModeResult[] = []
      for (const mode of MODES) {
        log(`durable-object: ${mode}, ${plan.subscribers} subscribers`)
        const run = await measure(wrangler, config, join(work, `state-${mode}`), mode, plan)
        log(
          `  delivery p50 ${run.deliveryMs.p50.toFixed(1)} ms, p99 ${run.deliveryMs.p99.toFixed(1)} ms; ` +
            `awake ≥ ${run.awakeAtLeastMs} ms, evicted within ${run.evictedWithinMs ?? 'never'} ms`,
        )
        runs.push(run)
      }
      const versions = await toolVersions(wrangler)
      await writePart<DurableObjectData>(
        outDir,
        'durable-object',
        { plan, ...versions, runs },
        smoke,
      )
      const broken = runs.filter((run) => run.stillOpen !== plan.subscribers)
      if (broken.length > 0)
        throw new Error(`durable-object: streams were cut in ${broken[0]?.mode}`)
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  },
}

/**
 * Bundles the Worker once and serves the bundle with `no_bundle`, so no rebuild elsewhere in the
 * repo makes wrangler reload it mid-run (as the connections part does).
 */
async function bundle(wrangler: string, work: string): Promise<string> {
  const outdir = join(work, 'bundle')
  const node = runtimeBinary('node')
  await runChild([node, wrangler, 'deploy', '--dry-run', '--outdir', outdir, '--config', CONFIG], {
    timeoutMs: 120_000,
  })
  const source = JSON.parse(stripComments(await readFile(CONFIG, 'utf8'))) as Record<
    string,
    unknown
  >
  const config = join(outdir, 'wrangler.json')
  await writeFile(config, JSON.stringify({ ...source, main: 'worker.js', no_bundle: true }))
  return config
}

async function measure(
  wrangler: string,
  config: string,
  state: string,
  mode: Mode,
  plan: DurableObjectPlan,
): Promise<ModeResult> {
  const inspector = await freePort()
  const server = await startServer({
    command: runtimeBinary('node'),
    args: (port) => [
      ...[wrangler, 'dev', '--config', config, '--ip', '127.0.0.1', '--port', String(port)],
      ...['--inspector-port', String(inspector), '--persist-to', state],
      '--show-interactive-dev-session=false',
    ],
    env: { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    readyPath: '/stats',
    timeoutMs: 60_000,
  })
  let client: RunningChild | undefined
  try {
    client = startChild(runtimeCommand('node', CLIENT), {
      BENCH_CONFIG: JSON.stringify({ base: server.url, mode, ...plan }),
    })
    // The doubling waits sum to under 2 × maxWaitMs, the bisection to under maxWaitMs more.
    const limit = 120_000 + 3 * plan.maxWaitMs
    return parseResult<ModeResult>(await client.waitForLine('@@bench-result', limit))
  } finally {
    await client?.stop()
    await server.stop()
  }
}

async function toolVersions(wrangler: string): Promise<{ wrangler: string; workerd: string }> {
  const fromWrangler = createRequire(wrangler)
  const read = async (path: string) =>
    String((JSON.parse(await readFile(path, 'utf8')) as { version: string }).version)
  const miniflare = createRequire(fromWrangler.resolve('miniflare/package.json'))
  return {
    wrangler: await read(fromWrangler.resolve('wrangler/package.json')),
    workerd: await read(miniflare.resolve('workerd/package.json')),
  }
}

// wrangler.jsonc allows // comments; these files have them on lines of their own.
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
}
