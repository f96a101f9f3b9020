import { events } from '@ssekit/client'
import { EventSource } from 'eventsource'
import { createParser } from 'eventsource-parser'

/** Reads `count` events from `url`; resolves the last event's ID, to check nothing was lost. */
export interface ClientContender {
  name: string
  label: string
  read(url: string, count: number): Promise<string>
}

const ssekit: ClientContender = {
  name: 'ssekit',
  label: '`for await (const e of events(url))` from `@ssekit/client`',
  async read(url, count) {
    let seen = 0
    let last = ''
    for await (const e of events(url, { idleTimeout: false })) {
      last = e.id
      if (++seen === count) break
    }
    return last
  },
}

const eventsource: ClientContender = {
  name: 'eventsource',
  label: "the `eventsource` package's `EventSource`, `addEventListener('price', …)`",
  read(url, count) {
    return new Promise((resolve, reject) => {
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
    })
  },
}

const rawParser: ClientContender = {
  name: 'eventsource-parser',
  label: '`fetch` + `TextDecoder` + eventsource-parser `feed()`: the floor',
  async read(url, count) {
    let seen = 0
    let last = ''
    const parser = createParser({
      onEvent: (event) => {
        seen++
        last = event.id ?? last
      },
    })
    const response = await fetch(url)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    while (seen < count) {
      const { done, value } = await reader.read()
      if (done) break
      parser.feed(decoder.decode(value, { stream: true }))
    }
    await reader.cancel()
    return last
  },
}

/** The contenders, in report order; ratios are taken against the raw parser. */
export const CLIENT_CONTENDERS: readonly ClientContender[] = [ssekit, eventsource, rawParser]
