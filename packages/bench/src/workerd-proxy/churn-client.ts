/**
 * The churn load of the workerd-proxy part, in its own Node process: `total` short `GET /sse`
 * streams over raw sockets to 127.0.0.1, `batch` at a time; each batch waits for every response
 * head, holds its sockets `holdMs`, then drops them all at once, and the next batch starts. It
 * prints how many streams opened and how many failed (refused, reset, or no head in 10 s).
 */
import { connect } from 'node:net'
import { emitResult, readConfig } from '../child-io.ts'
import { getRequest } from '../socket/response-reader.ts'

export interface ChurnConfig {
  port: number
  total: number
  batch: number
  holdMs: number
}

export interface ChurnReport {
  opened: number
  failed: number
  ms: number
}

const config = readConfig<ChurnConfig>()
const report: ChurnReport = { opened: 0, failed: 0, ms: 0 }
const started = performance.now()

function openOne(): Promise<() => void> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: config.port })
    let head = ''
    let settled = false
    const settle = (ok: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (ok) report.opened++
      else report.failed++
      resolve(() => socket.destroy())
    }
    const timer = setTimeout(() => settle(false), 10_000)
    socket.once('connect', () => socket.write(getRequest(config.port, '/sse')))
    socket.on('data', (bytes: Buffer) => {
      head += bytes.toString('latin1')
      if (head.includes('\r\n\r\n')) settle(head.startsWith('HTTP/1.1 200'))
    })
    socket.on('error', () => settle(false))
    socket.on('close', () => settle(false))
  })
}

for (let done = 0; done < config.total; done += config.batch) {
  const drops = await Promise.all(
    Array.from({ length: Math.min(config.batch, config.total - done) }, openOne),
  )
  await new Promise((resolve) => setTimeout(resolve, config.holdMs))
  for (const drop of drops) drop()
}
report.ms = performance.now() - started
emitResult(report)
