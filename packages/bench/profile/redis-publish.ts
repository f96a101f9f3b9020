// Where instance A's time goes when it publishes through @ssekit/redis, beside plain XADD: one
// process, one redis-server, 64 publishes in flight, a subscriber reading the channel in process.
// Prints wall time, this process's CPU and Redis's CPU per event for each; run it under
// `node --cpu-prof` and summarise with profile/summary.ts for the split by code.
//   node --cpu-prof --cpu-prof-dir=<folder> profile/redis-publish.ts [events=10000]
import { createRedisChannel, ioredisAdapter } from '@ssekit/redis'
import { Redis } from 'ioredis'
import { startRedis } from '../src/harness/redis-server.ts'

const EVENTS = Number(process.argv[2] ?? 10_000)
const IN_FLIGHT = 64
const server = await startRedis()
const control = new Redis(server.url)
const redisCpuMs = async () => {
  const info = String(await control.info('cpu'))
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1])
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000
}
const data = (n: number) => ({ n, text: 'x'.repeat(100) })

/** Runs `publish` EVENTS times, IN_FLIGHT at once; µs per event of wall, our CPU, Redis's CPU. */
async function measure(name: string, publish: (n: number) => Promise<unknown>) {
  const [cpu, redisCpu, start] = [process.cpuUsage(), await redisCpuMs(), performance.now()]
  let sent = 0
  const worker = async () => {
    while (sent < EVENTS) await publish(++sent)
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  const wall = performance.now() - start
  const { user, system } = process.cpuUsage(cpu)
  const redis = (await redisCpuMs()) - redisCpu
  const per = (us: number) => (us / EVENTS).toFixed(1)
  console.log(
    `${name}: ${Math.round((EVENTS * 1000) / wall)} events/s; µs per event: wall ${per(wall * 1000)}, this process's CPU ${per(user + system)}, Redis's CPU ${per(redis * 1000)}`,
  )
}

try {
  const channel = createRedisChannel({
    name: 'profile',
    redis: ioredisAdapter(new Redis(server.url, { lazyConnect: true })),
    heartbeat: false,
    maxBuffered: 1 << 22,
  })
  const response = await channel.subscribe(new Request('http://localhost/events'))
  // The subscriber reads as fast as it can, as B's would.
  void response.body?.pipeTo(new WritableStream())
  await measure('ssekit publish()', (n) => channel.publish({ event: 'tick', data: data(n) }))
  await measure('plain XADD', (n) =>
    control.xadd('plain', 'MAXLEN', '~', '1000000', '*', 'data', JSON.stringify(data(n))),
  )
  await channel.close()
} finally {
  control.disconnect()
  await server.stop()
}
