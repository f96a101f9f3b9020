// Runs the resumable-streams benchmark on this machine: a real redis-server, one server process
// per system (resumable-stream 2.2, and @ssekit/resumable written directly to Node's sockets and
// as plain web streams), the load client in a process of its
// own, rounds interleaved so a noisy machine hurts both alike. Prints one JSON object, and a
// Markdown table for BENCHMARKS.md.
//   pnpm exec node bench/run.ts [rounds=3] [streams=100]
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startRedis } from '@ssekit/testkit'

const ROUNDS = Number(process.argv[2] ?? 3)
const STREAMS = Number(process.argv[3] ?? 100)
const READERS = 10
const CHUNKS = 100
// Two late readers per stream: 200 at the full size.
const LATE = STREAMS * 2
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

function start(file: string, args: string[]): { child: ChildProcess; line: Promise<string> } {
  const child = spawn(process.execPath, [here(file), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const line = new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString()
      const end = out.indexOf('\n')
      if (end >= 0) resolve(out.slice(0, end))
    })
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before answering`)))
  })
  return { child, line }
}

const redis = await startRedis()
const info = async (section: string) => String(await redis.command('INFO', section))
const calls = async () => {
  let total = 0
  for (const match of (await info('commandstats')).matchAll(/calls=(\d+)/g))
    total += Number(match[1])
  return total
}
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await info('memory'))?.[1])

type Row = Record<string, number>
const SYSTEMS = ['peer', 'ssekit', 'ssekit-web'] as const
type System = (typeof SYSTEMS)[number]
const results: Record<System, Row[]> = { peer: [], ssekit: [], 'ssekit-web': [] }
try {
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts with the next system, so none always runs first.
    for (const system of [...SYSTEMS.slice(round % 3), ...SYSTEMS.slice(0, round % 3)]) {
      await redis.command('FLUSHALL')
      const server = start('server.ts', [system, redis.url])
      try {
        const { port } = JSON.parse(await server.line) as { port: number }
        await redis.command('CONFIG', 'RESETSTAT')
        const memoryBefore = await usedMemory()
        const args = [
          String(port),
          'throughput',
          String(STREAMS),
          String(READERS),
          String(CHUNKS),
          '0',
        ]
        const throughput = JSON.parse(await start('load.ts', args).line) as Row
        const commands = await calls()
        const memory = (await usedMemory()) - memoryBefore
        const lateArgs = [
          String(port),
          'late',
          String(STREAMS),
          String(READERS),
          String(CHUNKS),
          String(LATE),
        ]
        const late = JSON.parse(await start('load.ts', lateArgs).line) as Row
        const produced = STREAMS * CHUNKS
        results[system].push({
          chunksPerSecond: throughput.chunksPerSecond as number,
          delivered: throughput.delivered as number,
          expected: throughput.expected as number,
          failedReaders: (throughput.failures as number) + (late.failures as number),
          lateP50: late.p50 as number,
          lateP99: late.p99 as number,
          commandsPerChunk: commands / produced,
          redisBytesPerChunk: memory / produced,
        })
        process.stderr.write(
          `round ${round + 1} ${system}: ${JSON.stringify(results[system].at(-1))}\n`,
        )
      } finally {
        server.child.kill('SIGTERM')
      }
    }
  }
} finally {
  await redis.stop()
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}
const summary = Object.fromEntries(
  SYSTEMS.map((system) => [
    system,
    Object.fromEntries(
      Object.keys(results[system][0] ?? {}).map((key) => [
        key,
        median(results[system].map((row) => row[key] as number)),
      ]),
    ),
  ]),
) as Record<System, Row>
const ratiosOf = (system: System) =>
  results[system].map(
    (row, i) => (row.chunksPerSecond as number) / (results.peer[i]?.chunksPerSecond as number),
  )
console.log(
  JSON.stringify(
    {
      rounds: ROUNDS,
      streams: STREAMS,
      readers: READERS,
      chunks: CHUNKS,
      summary,
      throughputRatios: ratiosOf('ssekit'),
      webStreamRatios: ratiosOf('ssekit-web'),
    },
    null,
    2,
  ),
)
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const rows: [string, string, number, string][] = [
  ['chunks/s delivered', 'chunksPerSecond', 0, ''],
  [`readers that got nothing (of ${STREAMS * READERS + LATE})`, 'failedReaders', 0, ''],
  ['chunks delivered', 'delivered', 0, ''],
  ['chunks expected', 'expected', 0, ''],
  ['late reader, time to first chunk p50', 'lateP50', 1, ' ms'],
  ['late reader, time to first chunk p99', 'lateP99', 1, ' ms'],
  ['Redis commands per chunk', 'commandsPerChunk', 2, ''],
  ['Redis memory per chunk', 'redisBytesPerChunk', 0, ' B'],
]
console.log(`
| | resumable-stream 2.2 | @ssekit/resumable, direct write | @ssekit/resumable, web stream |
| --- | ---: | ---: | ---: |
${rows.map(([name, key, digits, unit]) => `| ${name} | ${SYSTEMS.map((system) => `${fmt(summary[system][key] as number, digits)}${unit}`).join(' | ')} |`).join('\n')}
`)
