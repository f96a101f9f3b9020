/**
 * The client part inside one runtime: every client reads the same stream from the ring server,
 * in interleaved rounds, and must end on the last event's ID, or the run fails.
 */
import { events } from '@ssekit/client'
import { EventSource } from 'eventsource'
import { createParser } from 'eventsource-parser'
import { emitResult, readConfig } from '../harness/child.ts'
import { interleave } from '../harness/interleave.ts'
import { median } from '../harness/stats.ts'
import type { ClientConfig } from './part.ts'
import { lastId, streamBytes } from './ring.ts'

/** Each client reads `count` events from `url` and resolves the last one's ID. */
const CLIENTS: { name: string; read(url: string, count: number): Promise<string> }[] = [
  {
    name: 'ssekit',
    async read(url, count) {
      let [seen, last] = [0, '']
      for await (const event of events(url, { idleTimeout: false })) {
        last = event.id
        if (++seen === count) break
      }
      return last
    },
  },
  {
    name: 'eventsource',
    read: (url, count) =>
      new Promise((resolve, reject) => {
        const source = new EventSource(url)
        let seen = 0
        source.addEventListener('price', (event) => {
          if (++seen < count) return
          source.close()
          resolve(event.lastEventId)
        })
        source.addEventListener('error', () => {
          source.close()
          reject(new Error(`eventsource stopped after ${seen} of ${count} events`))
        })
      }),
  },
  {
    // The floor: fetch, a TextDecoder and eventsource-parser's `feed()`, nothing else.
    name: 'eventsource-parser',
    async read(url, count) {
      let [seen, last] = [0, '']
      const parser = createParser({
        onEvent: (event) => {
          seen++
          last = event.id ?? last
        },
      })
      const reader = ((await fetch(url)).body as ReadableStream<Uint8Array>).getReader()
      const decoder = new TextDecoder()
      while (seen < count) {
        const { done, value } = await reader.read()
        if (done) break
        parser.feed(decoder.decode(value, { stream: true }))
      }
      await reader.cancel()
      return last
    },
  },
]

const config = readConfig<ClientConfig>()
const url = `${config.url}?n=${config.events}`
const times = await interleave(
  CLIENTS.map(({ name, read }) => ({
    name,
    run: async () => {
      const last = await read(url, config.events)
      if (last !== lastId(config.events))
        throw new Error(`${name} lost events: it ended on ${last}`)
    },
  })),
  config,
)
const seconds = (i: number) => (times[i] ?? []).map((ms) => median(ms) / 1000)
emitResult({
  bytes: streamBytes(config.events),
  contenders: CLIENTS.map(({ name }, i) => ({ name, seconds: seconds(i) })),
})
