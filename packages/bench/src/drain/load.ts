/**
 * The drain part's load client, in a process of its own (forked, talked to over IPC): thousands
 * of event streams that behave as `EventSource` does. Each parses with eventsource-parser, keeps
 * the last `retry:` and event ID, and when its stream ends or fails it waits that long and
 * reconnects with `Last-Event-ID`, through a load balancer that sends it to the instances still
 * in rotation (after a drain or a kill, B). It records when each reconnect was tried (the load
 * the clients put on the fleet) and when it was answered (what B managed to take).
 */
import { Agent, get } from 'node:http'
import { createParser } from 'eventsource-parser'

export type LoadCommand =
  | { type: 'connect'; url: string; count: number }
  | { type: 'rotate'; url: string }
  | { type: 'check'; ids: string[] }
export type LoadReply =
  | { type: 'connected' }
  | { type: 'progress'; reconnected: number }
  | {
      type: 'checked'
      complete: number
      missing: number
      repeated: number
      /** When each reconnect was tried. */
      attempts: number[]
      /** When each reconnect was answered: B's stream sent its first event. */
      reconnects: number[]
    }

const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY })
const send = (reply: LoadReply) => process.send?.(reply)

interface Client {
  retry: number
  lastId: string | undefined
  chats: string[]
  /** Called on the first subscription; each later one is a reconnect. */
  subscribed: (() => void) | undefined
  /** Whether a stream was ever opened: each later open is a reconnect attempt. */
  opened: boolean
}

const clients: Client[] = []
let target = ''
let ended = false
const reconnects: number[] = []
const attempts: number[] = []

function open(client: Client): void {
  if (client.opened) attempts.push(performance.now())
  client.opened = true
  const headers: Record<string, string> = { accept: 'text/event-stream' }
  if (client.lastId !== undefined) headers['last-event-id'] = client.lastId
  const decoder = new TextDecoder()
  const parser = createParser({
    onRetry: (retry) => {
      client.retry = retry
    },
    onEvent: (event) => {
      if (event.id !== undefined) client.lastId = event.id
      if (event.event === 'chat' && event.id !== undefined) client.chats.push(event.id)
      // Each stream's first event is its own drop token: it is subscribed.
      if (event.event !== 'drop-token') return
      if (client.subscribed === undefined) reconnects.push(performance.now())
      client.subscribed?.()
      client.subscribed = undefined
    },
  })
  let reconnecting = false
  const again = () => {
    if (reconnecting || ended) return
    reconnecting = true
    // EventSource waits its reconnection time (the last retry: it got), then tries again.
    setTimeout(() => open(client), client.retry)
  }
  const request = get(target, { agent, headers }, (response) => {
    if (response.statusCode !== 200) {
      response.resume()
      return
    }
    response.on('data', (bytes: Buffer) => parser.feed(decoder.decode(bytes, { stream: true })))
    response.on('end', again).on('error', again)
  })
  request.on('error', again).on('close', again)
}

async function connect(url: string, count: number): Promise<void> {
  target = url
  for (let next = 0; next < count; next += 200) {
    const batch = Array.from({ length: Math.min(200, count - next) }, () => {
      return new Promise<void>((subscribed) => {
        const client: Client = {
          retry: 1000,
          lastId: undefined,
          chats: [],
          subscribed,
          opened: false,
        }
        clients.push(client)
        open(client)
      })
    })
    await Promise.all(batch)
  }
  send({ type: 'connected' })
}

function check(ids: readonly string[]): void {
  let complete = 0
  let missing = 0
  let repeated = 0
  for (const client of clients) {
    const got = new Set(client.chats)
    const lost = ids.filter((id) => !got.has(id)).length
    missing += lost
    repeated += client.chats.length - got.size
    if (lost === 0 && got.size === client.chats.length) complete++
  }
  ended = true
  send({ type: 'checked', complete, missing, repeated, attempts, reconnects })
  setTimeout(() => process.exit(0), 100)
}

const progress = setInterval(() => send({ type: 'progress', reconnected: reconnects.length }), 200)
process.on('disconnect', () => process.exit(0))
process.on('message', (command: LoadCommand) => {
  if (command.type === 'connect') void connect(command.url, command.count)
  else if (command.type === 'rotate') target = command.url
  else {
    clearInterval(progress)
    check(command.ids)
  }
})
