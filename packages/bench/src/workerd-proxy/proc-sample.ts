import { readdir, readFile } from 'node:fs/promises'

/** One process of wrangler dev's group: which role it plays, its open files and its RSS. */
export interface ProcessSample {
  role: 'proxy' | 'worker' | 'wrangler'
  fds: number
  rssMiB: number
}

/**
 * The processes of a wrangler dev group, by role: `proxy` is the workerd that listens on the
 * dev port (`--socket-addr=entry=127.0.0.1:<port>`), `worker` the workerd that runs the Worker,
 * `wrangler` the Node process of `wrangler dev` itself (the one with the most open files).
 */
export async function sampleGroup(pgid: number, port: number): Promise<ProcessSample[]> {
  const samples: (ProcessSample & { command: string })[] = []
  for (const pid of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue
      const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ')
      const status = await readFile(`/proc/${pid}/status`, 'utf8')
      const rssMiB = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
      const fds = (await readdir(`/proc/${pid}/fd`)).length
      samples.push({ role: 'wrangler', fds, rssMiB, command })
    } catch {
      // The process ended while we looked.
    }
  }
  const workerd = samples.filter((sample) => sample.command.includes('workerd serve'))
  for (const sample of workerd) {
    sample.role = sample.command.includes(`entry=127.0.0.1:${port} `) ? 'proxy' : 'worker'
  }
  const node = samples
    .filter(
      (sample) => !sample.command.includes('workerd serve') && sample.command.includes(' dev '),
    )
    .sort((a, b) => b.fds - a.fds)[0]
  return [...workerd, ...(node ? [node] : [])].map(({ role, fds, rssMiB }) => ({
    role,
    fds,
    rssMiB,
  }))
}
