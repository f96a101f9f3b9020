import { readFile } from 'node:fs/promises'

// The kernel's names for the states of /proc/net/tcp's `st` column.
const STATES: Record<string, string> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
}

/**
 * The state of the server's end of a TCP connection on this machine, as Linux's `/proc/net/tcp`
 * and `/proc/net/tcp6` list it: `'ESTABLISHED'` while the server holds it open, `'FIN_WAIT1'` once
 * it closed the socket with bytes still unsent, `undefined` once the socket is gone (or reset).
 * The client cannot tell these apart while it reads nothing; the kernel can.
 *
 * @param serverPort The server's port.
 * @param clientPort The client's own local port of that connection.
 * @returns The state's name, or `undefined` when no such socket exists.
 * @throws {Error} Not on Linux: there is no `/proc/net/tcp` to read.
 *
 * @example Has the server let go of a connection?
 * ```ts
 * const state = await serverSocketState(8080, socket.localPort as number)
 * ```
 */
export async function serverSocketState(
  serverPort: number,
  clientPort: number,
): Promise<string | undefined> {
  const tables = await Promise.all(
    ['/proc/net/tcp', '/proc/net/tcp6'].map((path) =>
      readFile(path, 'utf8').catch((error: unknown) => {
        throw new Error(`Cannot see the server's sockets: ${path} is unreadable (Linux only)`, {
          cause: error,
        })
      }),
    ),
  )
  for (const line of tables.join('\n').split('\n')) {
    // sl local_address rem_address st …, addresses as HEX_IP:HEX_PORT
    const [, local, remote, state] = line.trim().split(/\s+/)
    if (local === undefined || remote === undefined || state === undefined) continue
    const port = (address: string) => Number.parseInt(address.split(':')[1] ?? '', 16)
    if (port(local) === serverPort && port(remote) === clientPort) return STATES[state] ?? state
  }
  return undefined
}
