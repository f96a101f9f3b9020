/**
 * The fan-out server's control port: a plain `node:http` server beside the contender's, the same
 * for every contender of a runtime, so publishing costs each the same and no framework sits
 * between the load client's clock and the publish.
 *
 * - `POST /publish?seq=`: event `seq`, now.
 * - `POST /burst?count=&seq=`: `count` events from `seq`, each in its own macrotask turn (as
 *   events from a feed would arrive); answers once the last is published.
 * - `GET /stats`: {@link ServerStats}.
 * - `POST /gc`: a full collection where the runtime allows one.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { setImmediate } from 'node:timers'
import { collectGarbage } from '../harness/runtime.ts'
import type { Broadcaster } from './broadcasters.ts'

/** What `GET /stats` answers. */
export interface ServerStats {
  /** User + system CPU time of the process. */
  cpuMicros: number
  systemMicros: number
  subscribers: number
  /** Write system calls (write, writev, send…) so far, from Linux's `/proc/self/io`. */
  writeCalls: number
}

/** Listens on 127.0.0.1 at `port` for the load client's commands. */
export function serveControl(broadcaster: Broadcaster, port: number): void {
  createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://control')
    const number = (name: string) => Number(url.searchParams.get(name))
    if (url.pathname === '/publish') {
      broadcaster.publish(number('seq'))
      response.end()
    } else if (url.pathname === '/burst') {
      const [count, first] = [number('count'), number('seq')]
      let n = 0
      const next = () => {
        if (n === count) return void response.end()
        broadcaster.publish(first + n++)
        setImmediate(next)
      }
      next()
    } else if (url.pathname === '/stats') {
      const { user, system } = process.cpuUsage()
      // Linux only, and only where the kernel keeps I/O accounting: NaN elsewhere.
      let io = ''
      try {
        io = readFileSync('/proc/self/io', 'latin1')
      } catch {}
      const stats: ServerStats = {
        cpuMicros: user + system,
        systemMicros: system,
        subscribers: broadcaster.subscribers(),
        writeCalls: Number(/^syscw:\s*(\d+)/m.exec(io)?.[1] ?? Number.NaN),
      }
      response.end(JSON.stringify(stats))
    } else {
      collectGarbage()
      response.end()
    }
  }).listen(port, '127.0.0.1')
}
