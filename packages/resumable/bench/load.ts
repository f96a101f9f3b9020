// The load client, in a process of its own: opens the streams and readers over HTTP and
// reports, as one JSON line, what it measured.
//   throughput: STREAMS producers of CHUNKS chunks, back to back after a head start that lets
//     READERS readers per stream attach; delivered chunks per second across all readers.
//   late: STREAMS producers of a chunk every 50 ms (20 tokens a second, a fast model); LATE readers attach mid-stream; the time
//     from each one's request to its first chunk.
import http from 'node:http'

const [port, phase, streams, readers, chunks, late] = process.argv
  .slice(2)
  .map((value, index) => (index === 1 ? value : Number(value))) as [
  number,
  'throughput' | 'late',
  number,
  number,
  number,
  number,
]
// A reader still open after this is counted as it stands: a hung stream must not hang the run.
const DEADLINE_MS = 120_000
setTimeout(() => {
  process.stderr.write('load: deadline reached, readers still open were cut\n')
  agent.destroy()
}, DEADLINE_MS).unref()
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY })
const TOKEN = Buffer.from('lorem')
// Readers that got no chunk at all: an error status, a refused or reset connection.
let failures = 0

interface Reader {
  /** Resolves at the first chunk, with when it came. */
  first: Promise<number>
  /** Resolves when the stream ends, with how many chunks came. */
  done: Promise<number>
}

function read(method: 'GET' | 'POST', path: string): Reader {
  let onFirst!: (at: number) => void
  const first = new Promise<number>((resolve) => {
    onFirst = resolve
  })
  const done = new Promise<number>((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path, agent }, (response) => {
      let count = 0
      let tail: Buffer = Buffer.alloc(0)
      response.on('data', (chunk: Buffer) => {
        const text = tail.length === 0 ? chunk : Buffer.concat([tail, chunk])
        for (let at = text.indexOf(TOKEN); at >= 0; at = text.indexOf(TOKEN, at + TOKEN.length)) {
          if (count++ === 0) onFirst(performance.now())
        }
        tail = text.subarray(Math.max(0, text.length - TOKEN.length + 1))
      })
      response.on('end', () => {
        if (count === 0) {
          failures++
          onFirst(Number.NaN)
        }
        resolve(count)
      })
      response.on('error', () => resolve(count))
      response.on('close', () => resolve(count))
    })
    request.on('error', (error) => {
      failures++
      onFirst(Number.NaN)
      reject(error)
    })
    request.end()
  })
  return { first, done }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const run = `${process.pid}-${Date.now()}`

if (phase === 'throughput') {
  const headStartMs = 1500
  const all: Reader[] = []
  const t0 = performance.now()
  for (let s = 0; s < streams; s++) {
    const id = `t-${run}-${s}`
    all.push(read('POST', `/start/${id}?chunks=${chunks}&intervalMs=0&headStartMs=${headStartMs}`))
  }
  await sleep(300)
  for (let s = 0; s < streams; s++) {
    for (let r = 1; r < readers; r++) all.push(read('GET', `/read/t-${run}-${s}`))
  }
  const counts = await Promise.all(all.map((reader) => reader.done.catch(() => 0)))
  const firsts = await Promise.all(all.map((reader) => reader.first))
  const start = Math.min(...firsts.filter((at) => !Number.isNaN(at)))
  const seconds = (performance.now() - start) / 1000
  const delivered = counts.reduce((sum, count) => sum + count, 0)
  const expected = streams * readers * chunks
  process.stdout.write(
    `${JSON.stringify({ delivered, expected, seconds, chunksPerSecond: delivered / seconds, setupMs: start - t0, failures })}\n`,
  )
} else {
  const producers: Reader[] = []
  for (let s = 0; s < streams; s++) {
    producers.push(
      read('POST', `/start/l-${run}-${s}?chunks=${chunks}&intervalMs=50&headStartMs=0`),
    )
  }
  // As above: the readers' requests must not overtake the one that starts their stream.
  await sleep(300)
  for (let s = 0; s < streams; s++) {
    for (let r = 1; r < readers; r++) producers.push(read('GET', `/read/l-${run}-${s}`))
  }
  await sleep(1000)
  const waits: Promise<number>[] = []
  for (let i = 0; i < late; i++) {
    await sleep(2000 / late)
    const sent = performance.now()
    const reader = read('GET', `/read/l-${run}-${i % streams}`)
    waits.push(reader.first.then((at) => at - sent))
    reader.done.catch(() => {})
  }
  const ttfb = (await Promise.all(waits)).filter((ms) => !Number.isNaN(ms)).sort((a, b) => a - b)
  const pick = (q: number) => ttfb[Math.min(ttfb.length - 1, Math.floor(q * ttfb.length))] as number
  await Promise.all(producers.map((reader) => reader.done.catch(() => 0)))
  process.stdout.write(
    `${JSON.stringify({ late: ttfb.length, failures, p50: pick(0.5), p99: pick(0.99), max: pick(1) })}\n`,
  )
}
agent.destroy()
