/**
 * The fan-out server's control port: a raw TCP socket the load client drives line by line, so
 * that publishing costs every contender the same few microseconds and no HTTP framework sits
 * between the client's clock and the publish. `node:net` works alike on Node, Bun and Deno.
 *
 * - `publish <seq>`: one event, now; no answer.
 * - `burst <count> <seq>`: `count` events from `seq`, each in its own macrotask turn (as events
 *   arriving from a feed would), then answers `done`.
 * - `stats`: answers `{"cpuMicros":…,"subscribers":…}` (user + system CPU time of the process).
 * - `gc`: a full collection where the runtime allows one, then answers `ok`.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Socket } from 'node:net'
import { setImmediate } from 'node:timers'
import { collectGarbage } from '../runtime.ts'
import type { Broadcaster } from './event.ts'

/** What `stats` answers. */
export interface ServerStats {
  cpuMicros: number
  /** The kernel's share of `cpuMicros`. */
  systemMicros: number
  subscribers: number
  /** Write system calls (write, writev, send…) so far, from Linux's `/proc/self/io`. */
  writeCalls: number
}

/** Listens on 127.0.0.1 at `port` for the load client's commands. */
export function serveControl(broadcaster: Broadcaster, port: number): void {
  createServer((socket) => {
    socket.setNoDelay(true)
    let buffered = ''
    socket.on('data', (bytes: Buffer) => {
      buffered += bytes.toString('latin1')
      for (let end = buffered.indexOf('\n'); end !== -1; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end)
        buffered = buffered.slice(end + 1)
        run(broadcaster, socket, line)
      }
    })
    socket.on('error', () => socket.destroy())
  }).listen(port, '127.0.0.1')
}

function run(broadcaster: Broadcaster, socket: Socket, line: string): void {
  const [command, ...args] = line.split(' ')
  const numbers = args.map(Number)
  if (command === 'publish') {
    broadcaster.publish(numbers[0] as number)
  } else if (command === 'burst') {
    const [count = 0, first = 0] = numbers
    let n = 0
    const next = () => {
      broadcaster.publish(first + n)
      if (++n < count) setImmediate(next)
      else socket.write('done\n')
    }
    if (count > 0) next()
    else socket.write('done\n')
  } else if (command === 'stats') {
    const { user, system } = process.cpuUsage()
    const stats: ServerStats = {
      cpuMicros: user + system,
      systemMicros: system,
      subscribers: broadcaster.subscribers,
      writeCalls: writeCalls(),
    }
    socket.write(`${JSON.stringify(stats)}\n`)
  } else if (command === 'gc') {
    collectGarbage()
    socket.write('ok\n')
  } else {
    socket.write(`error unknown command ${JSON.stringify(line)}\n`)
  }
}

function writeCalls(): number {
  try {
    return Number(
      /^syscw:\s*(\d+)/m.exec(readFileSync('/proc/self/io', 'latin1'))?.[1] ?? Number.NaN,
    )
  } catch {
    return Number.NaN
  }
}
