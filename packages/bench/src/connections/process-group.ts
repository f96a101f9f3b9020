import { readdir, readFile } from 'node:fs/promises'

/**
 * The process group led by the process whose command line holds `args` in a row, e.g.
 * `['--port', '8787']`; undefined when there is none. testkit's `startServer` does not say which
 * PID it started, and the group is what holds wrangler's workerd processes.
 */
export async function groupLedBy(args: readonly string[]): Promise<number | undefined> {
  for (const pid of await processIds()) {
    try {
      const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0')
      const at = argv.indexOf(args[0] ?? '')
      if (at === -1 || args.some((arg, i) => argv[at + i] !== arg)) continue
      const { group } = parseStat(await readFile(`/proc/${pid}/stat`, 'utf8'))
      if (group === pid) return pid
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined
}

/** The summed RSS in bytes of the processes named `name` in a process group. */
export async function groupRss(pgid: number, name: string): Promise<number> {
  let total = 0
  for (const pid of await processIds()) {
    try {
      const { command, group } = parseStat(await readFile(`/proc/${pid}/stat`, 'utf8'))
      if (group !== pgid || command !== name) continue
      const status = await readFile(`/proc/${pid}/status`, 'utf8')
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024
    } catch {
      // The process ended while we looked.
    }
  }
  return total
}

async function processIds(): Promise<number[]> {
  return (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number)
}

function parseStat(stat: string): { command: string; group: number } {
  // Fields after the command (which may hold spaces) start after its closing parenthesis.
  const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
  const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
  return { command, group }
}
