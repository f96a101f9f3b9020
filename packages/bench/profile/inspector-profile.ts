// Profiles a server through its V8 inspector (Deno has no --cpu-prof) while curl reads 3 streams
// of 1 000 000 events after one of 1 000 to warm up; writes p.cpuprofile to the given folder.
//   node profile/inspector-profile.ts <inspector port> <stream URL without n=> <folder>
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'

const [inspectorPort, url, dir] = process.argv.slice(2) as [string, string, string]
const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as {
  webSocketDebuggerUrl: string
}[]
const socket = new WebSocket(targets[0]?.webSocketDebuggerUrl ?? '')
await new Promise((resolve) => socket.addEventListener('open', resolve))
const answers = new Map<number, (result: unknown) => void>()
socket.addEventListener('message', ({ data }) => {
  const message = JSON.parse(String(data)) as { id: number; result: unknown }
  answers.get(message.id)?.(message.result)
})
let id = 0
const call = (method: string, params = {}) =>
  new Promise<unknown>((resolve) => {
    answers.set(++id, resolve)
    socket.send(JSON.stringify({ id, method, params }))
  })
const read = (n: number) => execFileSync('curl', ['-s', '-o', '/dev/null', `${url}&n=${n}`])

await call('Profiler.enable')
await call('Profiler.setSamplingInterval', { interval: 250 })
read(1000)
await call('Profiler.start')
for (let i = 0; i < 3; i++) read(1_000_000)
const { profile } = (await call('Profiler.stop')) as { profile: unknown }
writeFileSync(`${dir}/p.cpuprofile`, JSON.stringify(profile))
socket.close()
